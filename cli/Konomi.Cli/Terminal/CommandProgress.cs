using Konomi.Hosting;
using Spectre.Console;

namespace Konomi.Cli.Terminal;

/// <summary>
/// The progress of a long command with an ETA at its own pace: a Spectre.Console bar when stdout is a terminal,
/// otherwise a plain line on stderr (so stdout stays the command's result) at each milestone and at most
/// every <c>every</c> steps in between.
/// </summary>
public sealed class CommandProgress
{
    readonly Eta _eta = new(TimeProvider.System);
    readonly ProgressTask? _bar;
    readonly int _every;
    int _quietSteps;

    CommandProgress(ProgressTask? bar, int every) => (_bar, _every) = (bar, every);

    /// <summary>True when a bar is drawn: anything else the command prints must then go through <see cref="AnsiConsole"/>.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> ShowAsync<T>(string title, int every, Func<CommandProgress, Task<T>> work)
    {
        if (!Interactive) return await work(new CommandProgress(null, every));
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context => await work(new CommandProgress(context.AddTask(title), every)));
    }

    /// <summary><paramref name="status"/> and the ETA of <paramref name="done"/> of <paramref name="total"/> steps.</summary>
    public void Report(double done, double total, string status, bool milestone = false)
    {
        var line = $"{status}, {_eta.Describe(done, total)}";
        if (_bar is not null)
        {
            _bar.MaxValue = Math.Max(total, 1);
            _bar.Value = done;
            _bar.Description = Markup.Escape(line);
            return;
        }
        if (!milestone && ++_quietSteps < _every) return;
        _quietSteps = 0;
        Console.Error.WriteLine(line);
    }
}

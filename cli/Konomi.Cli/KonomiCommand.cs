using System.CommandLine;
using Konomi.Cli.Commands;
using Konomi.Cli.Terminal;

namespace Konomi.Cli;

/// <summary>The <c>konomi</c> command: one subcommand per file under Commands/.</summary>
public static class KonomiCommand
{
    public static RootCommand Create() => new("Konomi (好み): new DLsite voice works you will like, in Slack.")
    {
        RunCommand.Create(),
        StatusCommand.Create(),
        UsersCommand.Create(),
        SlackCommand.Create(),
        LabelsCommand.Create(),
        WorksCommand.Create(),
        ParseCommand.Create(),
        CrawlCommand.Create(),
        TrainCommand.Create(),
        ModelsCommand.Create(),
        ScoreCommand.Create(),
        EvalCommand.Create(),
        BenchCommand.Create(),
        PrefsCommand.Create(),
        LabelCommand.Create(),
        RecommendCommand.Create(),
        NotificationsCommand.Create(),
        PruneCommand.Create(),
        ErrorsCommand.Create(),
    };

    /// <summary>
    /// Runs the command line: 0 done, 1 failed (one line on stderr, no stack trace), 2 the command line is wrong.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await parsed.InvokeAsync();
            return Cli.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            return Cli.Error;
        }
        catch (Exception e)
        {
            return Cli.Fail(FailureMessages.Describe(e));
        }
    }
}

using System.Diagnostics;

namespace Konomi.Deploy.Tests;

/// <summary>A tool the deploy checks run (kubectl, node, docker-compose): its exit code and output.</summary>
public sealed record Command(int ExitCode, string Output, string Error)
{
    public static async Task<Command> RunAsync(string file, IEnumerable<string> arguments, CancellationToken ct, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Konomi.Testing.Repository.Root,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Command(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit {ExitCode}\n{Error}";
}

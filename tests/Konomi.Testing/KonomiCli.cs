using System.Diagnostics;

namespace Konomi.Testing;

/// <summary>Runs the real <c>konomi</c> command (as built for this test run) as a process.</summary>
public static class KonomiCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null,
        string? standardInput = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var process = Start(args, environment);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        if (standardInput is not null)
            await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"konomi {string.Join(' ', args)} did not finish:\n{await output}\n{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts <c>konomi</c> with stdin, stdout and stderr redirected, for a test that reads it while it runs.</summary>
    public static Process Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(Repository.Root, "cli", "Konomi.Cli", "bin", Repository.Configuration, "net10.0", "konomi.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[key] = value;
        return Process.Start(start)!;
    }
}

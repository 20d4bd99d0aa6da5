using System.Diagnostics;

namespace Konomi.Testing;

/// <summary>A program of this repository, as built for this test run, run as a process.</summary>
public sealed class BuiltProgram(string name, string dll)
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public async Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null,
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
            throw new TimeoutException($"{name} {string.Join(' ', args)} did not finish:\n{await output}\n{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the program with stdin, stdout and stderr redirected, for a test that reads it while it runs.</summary>
    public Process Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var path = Path.Combine(Repository.Root, dll);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Build the solution first: {path} is missing.");
        var start = new ProcessStartInfo("dotnet", [path, .. args])
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

using System.Diagnostics;

namespace Konomi.Testing;

/// <summary>A program of this repository, as built for this test run, run as a process.</summary>
public sealed class BuiltProgram(string name, string dll)
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null,
        string? standardInput = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        WaitAsync(Start(args, environment), args, standardInput, timeout, ct);

    /// <summary>Runs the program as <c>program ARGS &lt;&amp;-</c> does in a shell: standard input closed from the start.</summary>
    public Task<Result> RunWithStandardInputClosedAsync(IEnumerable<string> args, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("sh", ["-c", "exec dotnet \"$0\" \"$@\" <&-", Path.Combine(Repository.Root, dll), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        return WaitAsync(Process.Start(start)!, args, null, null, ct);
    }

    async Task<Result> WaitAsync(Process started, IEnumerable<string> args, string? standardInput, TimeSpan? timeout, CancellationToken ct)
    {
        using var process = started;
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

using System.Diagnostics;

namespace Konomi.Testing;

/// <summary>Runs the real <c>konomi</c> command (as built for this test run) as a process.</summary>
public static class KonomiCli
{
    static readonly BuiltProgram Program = new("konomi", Path.Combine("cli", "Konomi.Cli", "bin", Repository.Configuration, "net10.0", "konomi.dll"));

    public static Task<BuiltProgram.Result> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null,
        string? standardInput = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        Program.RunAsync(args, environment, standardInput, timeout, ct);

    /// <summary>Runs <c>konomi ARGS &lt;&amp;-</c>: standard input closed from the start.</summary>
    public static Task<BuiltProgram.Result> RunWithStandardInputClosedAsync(IEnumerable<string> args, CancellationToken ct = default) =>
        Program.RunWithStandardInputClosedAsync(args, ct);

    /// <summary>Starts <c>konomi</c> with stdin, stdout and stderr redirected, for a test that reads it while it runs.</summary>
    public static Process Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null) =>
        Program.Start(args, environment);
}

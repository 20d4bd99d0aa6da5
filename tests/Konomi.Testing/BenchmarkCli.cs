namespace Konomi.Testing;

/// <summary>Runs the benchmarks program (benchmarks/Konomi.Benchmarks, as built for this test run) as a process.</summary>
public static class BenchmarkCli
{
    static readonly BuiltProgram Program = new("Konomi.Benchmarks", Path.Combine("benchmarks", "Konomi.Benchmarks", "bin", Repository.Configuration, "net10.0", "Konomi.Benchmarks.dll"));

    public static Task<BuiltProgram.Result> RunAsync(IEnumerable<string> args, CancellationToken ct = default) =>
        Program.RunAsync(args, ct: ct);
}

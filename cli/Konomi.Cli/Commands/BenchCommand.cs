using System.CommandLine;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi bench …</c>: measures Konomi on the user's own data. The benchmarks on public data sets, next to their
/// peers, are a separate program (benchmarks/run.sh), so the product never looks for benchmark data.
/// </summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Measure Konomi on your own data (benchmarks on public data sets: benchmarks/run.sh)")
    {
        BenchReplayCommand.Replay(),
    };
}

using System.CommandLine;
using Konomi.Benchmarks.Commands;

namespace Konomi.Benchmarks;

/// <summary>The benchmarks as one command line: each on the real data sets in ../shared/data, next to its peer.</summary>
public static class BenchmarkCommand
{
    const string Start = "dotnet run -c Release --project benchmarks/Konomi.Benchmarks --";

    public static RootCommand Create() => new("Konomi's benchmarks on real data sets, next to the peer a data scientist would use")
    {
        ModelsCommand.Create(),
        AblationsCommand.Create(),
        LabelingCommand.Create(),
        ReplaysCommand.Create(),
        ScaleCommand.Create(),
        SharedCommand.Create(),
    };

    /// <summary>Adds examples to the command's <c>--help</c>, each as the full line that starts it from the repository.</summary>
    public static Command Example(Command command, params string[] examples) =>
        Cli.Cli.Example(command, [.. examples.Select(e => $"{Start} {e}")]);
}

using System.CommandLine;

namespace Konomi.Benchmarks;

/// <summary>Where the benchmark data sets live: <c>../shared/data</c> beside the repository unless <c>--data</c> says otherwise.</summary>
public static class BenchmarkData
{
    public static Option<DirectoryInfo?> Option() =>
        new("--data") { Description = "Benchmark data folder (default: ../shared/data beside the repository)" };

    public static string Directory(DirectoryInfo? given) =>
        given?.FullName ?? Path.Combine(RepositoryRoot(), "..", "shared", "data");

    public static string RepositoryRoot()
    {
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Konomi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmarks inside the Konomi repository (no Konomi.slnx found above the current folder).");
    }
}

using Konomi.Cli.Terminal;
using System.CommandLine;
using Konomi.Benchmarks;
using Konomi.TasteModels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi bench …</c>: benchmarks on the real data sets in ../shared/data, next to their peers.</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks on real data sets, next to the peer a data scientist would use")
    {
        Models(),
        BenchLabelingCommand.Create(),
        BenchScaleCommand.Create(),
        BenchReplayCommand.Replay(),
        BenchReplayCommand.MovieLens(),
    };

    private static Command Models()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Benchmark data folder (default: ../shared/data beside the repository)" };
        var users = new Option<int[]>("--users") { Description = "MovieLens users", DefaultValueFactory = _ => [448, 274, 68, 288], AllowMultipleArgumentsPerToken = true };
        var noEmbedding = new Option<bool>("--no-embedding") { Description = "Skip the embedding family (MiniLM on MovieLens)" };
        var command = new Command("models", "Konomi's taste model families vs scikit-learn on livedoor and MovieLens, same folds, one run") { data, users, noEmbedding };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = parse.GetValue(data)?.FullName ?? Path.Combine(RepositoryRoot(), "..", "shared", "data");
            var builder = Host.CreateApplicationBuilder();
            builder.AddKonomiConsole();
            builder.Services.AddTasteModels();
            using var host = builder.Build();
            var families = host.Services.GetRequiredService<TasteModelFamilies>();
            var peer = new SklearnPeer(Path.Combine(RepositoryRoot(), "benchmarks", "peer", "sklearn_peer.py"));
            var embedding = parse.GetValue(noEmbedding) || !families.Names.Contains("embedding") ? null : families.Get("embedding");
            var benchmark = new ModelBenchmark(dataDirectory, peer, families.Get("ngram"), embedding);
            var rows = await CommandProgress.ShowAsync("bench models", every: 1, display =>
                benchmark.RunAsync(parse.GetValue(users)!, new Reporter<BenchmarkProgress>(p => display.Report(p.Done, p.Total, $"{p.Step} ({p.Done}/{p.Total} steps)", milestone: true)), ct));
            Console.Out.WriteLine(ModelBenchmarkTable.Render(rows));
            Console.Out.WriteLine();
            Console.Out.WriteLine(ModelBenchmarkTable.RenderBatchSpeed(rows));
            var (titles, seconds) = FullTraining.LivedoorTitles(dataDirectory, families.Get("ngram"), ct);
            Console.Out.WriteLine();
            Console.Out.WriteLine(FormattableString.Invariant($"ngram trained on all {titles:N0} livedoor titles in {seconds:F2} s (timed on its own, {Environment.ProcessorCount} cores)."));
            return 0;
        });
        return Cli.Example(command, "konomi bench models --no-embedding", "konomi bench models --users 448 274");
    }

    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Konomi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Run konomi bench inside the Konomi repository (no Konomi.slnx found above the current folder).");
    }
}

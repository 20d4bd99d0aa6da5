using System.CommandLine;
using Konomi.Cli.Terminal;
using Konomi.TasteModels;
using Konomi.TasteModels.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Benchmarks.Commands;

/// <summary><c>shared</c>: learning from everyone, per-user vs shared + offsets (+ co-likes) vs the peer on many MovieLens users.</summary>
public static class SharedCommand
{
    public static Command Create()
    {
        var data = BenchmarkData.Option();
        var minRatings = new Option<int>("--min-ratings") { Description = "Users with at least this many ratings", DefaultValueFactory = _ => 300 };
        var sample = new Option<int>("--sample") { Description = "A random sample of that many of them (seed 7); 0 takes every one", DefaultValueFactory = _ => 0 };
        var users = new Option<int[]>("--users") { Description = "MovieLens users always in the workspace, whatever their number of ratings; --sample draws the rest from the others", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var command = new Command("shared", "Per-user vs shared model with per-user offsets (and with co-likes) vs scikit-learn on many MovieLens users at once, one run") { data, minRatings, sample, users };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = BenchmarkData.Directory(parse.GetValue(data));
            var builder = Host.CreateApplicationBuilder();
            builder.AddKonomiConsole();
            builder.Services.AddTasteModels();
            using var host = builder.Build();
            var peer = new SklearnPeer(Path.Combine(BenchmarkData.RepositoryRoot(), "benchmarks", "peer", "sklearn_peer.py"));
            var benchmark = new SharedBenchmark(dataDirectory, peer, ActivatorUtilities.CreateInstance<SharedNgramFamily>(host.Services));
            var result = await CommandProgress.ShowAsync("shared", every: 1, display =>
                benchmark.RunAsync(parse.GetValue(users)!, parse.GetValue(minRatings), parse.GetValue(sample), seed: 7,
                    new Reporter<BenchmarkProgress>(p => display.Report(p.Done, p.Total, $"{p.Step} ({p.Done}/{p.Total} steps)", milestone: true)), ct));
            foreach (var line in result.PerUser()) Console.Error.WriteLine(line);
            Console.Out.WriteLine(result.Render());
            return 0;
        });
        return BenchmarkCommand.Example(command, "shared", "shared --min-ratings 300 --sample 30", "shared --users 217 600 57 --sample 7");
    }
}

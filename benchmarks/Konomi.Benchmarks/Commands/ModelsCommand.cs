using System.CommandLine;
using Konomi.Cli.Terminal;
using Konomi.TasteModels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Benchmarks.Commands;

/// <summary><c>models</c>: Konomi's taste model families next to scikit-learn on livedoor and MovieLens, same folds, one run.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var data = BenchmarkData.Option();
        var users = new UserSample(UserSample.Reported);
        var noEmbedding = new Option<bool>("--no-embedding") { Description = "Skip the embedding and stacked families (MiniLM)" };
        var noLivedoor = new Option<bool>("--no-livedoor") { Description = "MovieLens users only (the peer's livedoor tasks take 20 minutes or more on a busy machine)" };
        var trainTimingOnly = new Option<bool>("--train-timing-only") { Description = "Only time ngram training on all livedoor titles (wall, CPU seconds, stages): seconds, not the whole benchmark" };
        var trainRuns = new Option<int>("--train-runs") { Description = "Timed runs of that training", DefaultValueFactory = _ => 3 };
        var command = new Command("models", "Konomi's taste model families vs scikit-learn on livedoor and MovieLens, same folds, one run") { data, noEmbedding, noLivedoor, trainTimingOnly, trainRuns };
        foreach (var option in users.Options) command.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var builder = Host.CreateApplicationBuilder();
            builder.AddKonomiConsole();
            builder.Services.AddTasteModels();
            using var host = builder.Build();
            var families = host.Services.GetRequiredService<TasteModelFamilies>();
            var peer = new SklearnPeer(Path.Combine(BenchmarkData.RepositoryRoot(), "benchmarks", "peer", "sklearn_peer.py"));
            var embedding = parse.GetValue(noEmbedding) || !families.Names.Contains("embedding") ? null : families.Get("embedding");
            var dataDirectory = BenchmarkData.Directory(parse.GetValue(data));
            var stacked = parse.GetValue(noEmbedding) ? null : families.Get("stacked");
            var benchmark = new ModelBenchmark(dataDirectory, peer, families.Get("ngram"), embedding, stacked);
            if (parse.GetValue(trainTimingOnly))
            {
                Console.Out.Write(FullTraining.Render(FullTraining.LivedoorTitles(dataDirectory, families.Get("ngram"), parse.GetValue(trainRuns), ct)));
                return 0;
            }
            var rows = await CommandProgress.ShowAsync("models", every: 1, display =>
                benchmark.RunAsync(users.Draw(parse, dataDirectory), new Reporter<BenchmarkProgress>(p => display.Report(p.Done, p.Total, $"{p.Step} ({p.Done}/{p.Total} steps)", milestone: true)), ct, livedoor: !parse.GetValue(noLivedoor)));
            Console.Out.WriteLine(ModelBenchmarkTable.Render(rows));
            Console.Out.WriteLine();
            Console.Out.WriteLine(ModelBenchmarkTable.RenderBatchSpeed(rows));
            Console.Out.WriteLine();
            Console.Out.WriteLine(FamilyComparisonTable.Render(rows));
            Console.Out.WriteLine();
            Console.Out.Write(FullTraining.Render(FullTraining.LivedoorTitles(dataDirectory, families.Get("ngram"), parse.GetValue(trainRuns), ct)));
            return 0;
        });
        return BenchmarkCommand.Example(command, "models --no-embedding", "models --users 448 274", "models --no-embedding --sample 4 --sample-seed 7", "models --train-timing-only");
    }
}

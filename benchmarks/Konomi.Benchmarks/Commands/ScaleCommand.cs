using System.CommandLine;
using Konomi.Benchmarks.Scale;
using Konomi.Hosting;
using Konomi.Inference;
using Konomi.Storage;
using Konomi.Storage.Ports;
using MassTransit;
using MongoDB.Driver;

namespace Konomi.Benchmarks.Commands;

/// <summary>
/// <c>scale</c>: scoring cost against the number of users, the in-memory pipeline through
/// scoring, training cost against labels, and bytes per record, in one run on a fresh store.
/// </summary>
public static class ScaleCommand
{
    public static Command Create()
    {
        var data = BenchmarkData.Option();
        var users = new Option<int[]>("--users") { Description = "User counts, ascending", DefaultValueFactory = _ => [1, 10, 100, 1000], AllowMultipleArgumentsPerToken = true };
        var labels = new Option<int[]>("--labels") { Description = "Label counts to train on", DefaultValueFactory = _ => [100, 1000, 5000], AllowMultipleArgumentsPerToken = true };
        var pipelineWorks = new Option<int>("--pipeline-works") { Description = "New works sent through the bus at each user count up to 100", DefaultValueFactory = _ => 1000 };
        var pairs = new Option<int>("--pairs") { Description = "Work×user pairs scored at each user count (at least one batch of 200 works)", DefaultValueFactory = _ => 20_000 };
        var pipelineOnly = new Option<bool>("--pipeline-only") { Description = "Only the new works through the bus (users grown as --users says), for profiling that stage" };
        var singleWrites = new Option<int>("--single-writes") { Description = "Scores written one store call each, against 10,000 written in batches of 2,000", DefaultValueFactory = _ => 1000 };
        var command = new Command("scale", "How cost grows with users, works and labels; bytes per record (Storage:Provider picks the store)")
        {
            data, users, labels, pipelineWorks, pipelineOnly, pairs, singleWrites,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = BenchmarkData.Directory(parse.GetValue(data));
            var directory = Path.Combine(Path.GetTempPath(), "konomi-bench-scale", Guid.NewGuid().ToString("N"));
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "konomi" });
            var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory, ["Logging:LogLevel:Default"] = "Warning" };
            if (builder.Configuration.GetConnectionString("Mongo") is { } mongo)
                settings["ConnectionStrings:Mongo"] = new MongoUrlBuilder(mongo) { DatabaseName = $"konomi_scale_{Guid.NewGuid():N}" }.ToString();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.AddKonomiStorage();
            builder.AddInference();
            builder.Services.AddSingleton<ScoredTally>();
            builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<ScoredTally>());
            builder.Services.AddPublishObserver(sp => sp.GetRequiredService<ScoredTally>());
            builder.Services.AddKonomiConsumers(x => x.AddConsumer<ScoredTallyConsumer>());
            builder.AddKonomiBus();
            using var host = builder.Build();
            try
            {
                var log = Console.Error;
                var corpus = ScaleCorpus.Load(dataDirectory);
                var store = builder.Configuration["Storage:Provider"] ?? "sqlite";
                var only = parse.GetValue(pipelineOnly);
                var sizes = only ? [] : await new RecordSizes(host.Services, corpus, log).MeasureAsync(ct);
                var bench = new ScaleBenchmark(host.Services, corpus, log);
                var training = only ? [] : bench.Training(parse.GetValue(labels)!, ct);
                await host.Services.GetRequiredService<IWorkStore>().ImportAsync(corpus.Works, ct);
                await bench.GrowUsersAsync(1, 200, ct);   // before start: the seeding adds `me` only to a store without users
                await host.StartAsync(ct);
                var scoring = new List<UsersRow>();
                var pipeline = new List<PipelineRow>();
                foreach (var count in parse.GetValue(users)!)
                {
                    await bench.GrowUsersAsync(count, 200, ct);
                    if (!only)
                        scoring.Add(await bench.ScoreAsync(200, parse.GetValue(pairs), ct));
                    if (count <= 100)
                        pipeline.Add(await bench.PipelineAsync(parse.GetValue(pipelineWorks), pipeline.Count * 100_000, ct));
                }
                var writes = only ? [] : await bench.ScoreWritesAsync(parse.GetValue(singleWrites), 2_000, 5, ct);
                await host.StopAsync(ct);
                Console.Out.WriteLine(ScaleTables.Render(store, sizes, training, scoring, pipeline, writes));
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            }
        });
        return BenchmarkCommand.Example(command, "scale --users 1 10 100 --labels 100 1000", "scale --users 1 10   # with Storage__Provider=mongo ConnectionStrings__Mongo=mongodb://127.0.0.1:27017/bench");
    }
}

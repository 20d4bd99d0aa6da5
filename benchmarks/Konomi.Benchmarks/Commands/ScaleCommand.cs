using System.CommandLine;
using Konomi.Benchmarks.Scale;
using Konomi.Hosting;
using Konomi.Inference;
using Konomi.Storage;
using Konomi.Storage.Ports;
using MassTransit;
using Microsoft.Extensions.Options;
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
        var singleWrites = new Option<int>("--single-writes") { Description = "Scores written one store call each, against 10,000 written in batches of 2,000", DefaultValueFactory = _ => 1000 };
        var aloneUpTo = new Option<int>("--alone-up-to") { Description = "Largest user count also scored one user per call (the path before features were shared)", DefaultValueFactory = _ => 100 };
        var records = new Option<int>("--records") { Description = "Works, scores, labels and notifications written to measure bytes per record (200 is enough on the MongoDB-wire server)", DefaultValueFactory = _ => 2000 };
        var body = new Option<int>("--body") { Description = "Characters of each article's body the works carry as their description (100 stands for a DLsite work's keyword block)", DefaultValueFactory = _ => 500 };
        var parts = new Option<string[]>("--parts") { Description = "What to run: sizes, training, users (scoring at each user count), pipeline (new works through the bus at each user count up to 100), writes", DefaultValueFactory = _ => ["sizes", "training", "users", "pipeline", "writes"], AllowMultipleArgumentsPerToken = true };
        parts.AcceptOnlyFromAmong("sizes", "training", "users", "pipeline", "writes");
        var command = new Command("scale", "How cost grows with users, works and labels; bytes per record (Storage:Provider picks the store)")
        {
            data, users, labels, pipelineWorks, pairs, singleWrites, aloneUpTo, records, body, parts,
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
                var corpus = ScaleCorpus.Load(dataDirectory, parse.GetValue(body));
                var store = builder.Configuration["Storage:Provider"] ?? "sqlite";
                var run = parse.GetValue(parts)!.ToHashSet();
                IReadOnlyList<RecordSizeRow> sizes = run.Contains("sizes") ? await new RecordSizes(host.Services, corpus, log).MeasureAsync(parse.GetValue(records), ct) : [];
                var bench = new ScaleBenchmark(host.Services, corpus, log);
                var training = run.Contains("training") ? bench.Training(parse.GetValue(labels)!, ct) : [];
                var scoring = new List<UsersRow>();
                var pipeline = new List<PipelineRow>();
                UnboundedRow? unbounded = null;
                IReadOnlyList<ScoreWritesRow> writes = [];
                if (run.Contains("users") || run.Contains("pipeline") || run.Contains("writes"))
                {
                    await host.Services.GetRequiredService<IWorkStore>().ImportAsync(corpus.Works, ct);
                    await bench.GrowUsersAsync(1, 200, ct);   // before start: the seeding adds `me` only to a store without users
                }
                await host.StartAsync(ct);
                if (run.Contains("users") || run.Contains("pipeline"))
                {
                    foreach (var count in parse.GetValue(users)!)
                    {
                        await bench.GrowUsersAsync(count, 200, ct);
                        if (run.Contains("users"))
                            scoring.Add(await bench.ScoreAsync(200, parse.GetValue(pairs), parse.GetValue(aloneUpTo), ct));
                        if (run.Contains("pipeline") && count <= 100)
                            pipeline.Add(await bench.PipelineAsync(parse.GetValue(pipelineWorks), pipeline.Count * 100_000, ct));
                    }
                    // Last, so the bounded figures above are measured before this grows the process.
                    if (run.Contains("users"))
                        unbounded = await bench.UnboundedAsync(200, ct);
                }
                if (run.Contains("writes"))
                    writes = await bench.ScoreWritesAsync(parse.GetValue(singleWrites), 2_000, 5, ct);
                await host.StopAsync(ct);
                var limit = host.Services.GetRequiredService<IOptions<ServingModelsOptions>>().Value.SizeLimitMb;
                Console.Out.WriteLine(ScaleTables.Render(store, parse.GetValue(body), limit, sizes, training, scoring, unbounded, pipeline, writes));
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            }
        });
        return BenchmarkCommand.Example(command, "scale --users 1 10 100 --labels 100 1000",
            "scale --parts sizes --records 200   # with Storage__Provider=mongo ConnectionStrings__Mongo=mongodb://127.0.0.1:27017/bench",
            "scale --parts users --users 100 1000   # with Inference__ServingModels__SizeLimitMb=50",
            "scale --body 100 --parts users training pipeline   # works the size of a DLsite work's keyword block");
    }
}

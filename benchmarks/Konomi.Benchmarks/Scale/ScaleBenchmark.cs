using System.Diagnostics;
using Konomi.Contracts;
using Konomi.Inference;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Konomi.Benchmarks.Scale;

/// <summary>
/// How cost grows with users and labels, on the real inference code and the configured store. Every user
/// holds a trained ngram model (one of ten trained on different random label sets, each user's copy loaded
/// on its own) and the labels it was trained on, so liked-work reasons cost what they cost in service.
/// </summary>
public sealed class ScaleBenchmark(IServiceProvider services, ScaleCorpus corpus, TextWriter log)
{
    private const int BaseModels = 10;

    private readonly ITasteModelFamily _ngram = services.GetRequiredService<TasteModelFamilies>().Get("ngram");
    private readonly TasteInputBuilder _inputs = services.GetRequiredService<TasteInputBuilder>();
    private readonly IUserStore _users = services.GetRequiredService<IUserStore>();
    private readonly ILabelStore _labels = services.GetRequiredService<ILabelStore>();
    private readonly ITasteModelRegistry _registry = services.GetRequiredService<ITasteModelRegistry>();
    private readonly List<(byte[] Bytes, IReadOnlyList<int> Labelled)> _base = [];
    private int _registered;

    public IReadOnlyList<TrainingRow> Training(IReadOnlyList<int> labelCounts, CancellationToken ct) => [.. labelCounts.Select(n =>
    {
        var examples = Examples(corpus.Sample(n, seed: n));
        var cpu = ProcessFigures.Cpu;
        var clock = Stopwatch.StartNew();
        var model = _ngram.Train(examples, ct);
        var (wall, cpuSeconds, bytes) = (clock.Elapsed.TotalSeconds, (ProcessFigures.Cpu - cpu).TotalSeconds, model.Serialize());
        // What serving it holds, estimated as ServingModels does: what loading it allocates (liked-work vectors aside).
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(_ngram.Deserialize(bytes));
        var row = new TrainingRow(n, wall, cpuSeconds, bytes.Length, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0);
        log.WriteLine($"trained on {n} labels: {row.WallSeconds:F1} s, {row.ModelBytes:N0} bytes, {row.LoadedMb:F1} MB loaded");
        return row;
    })];

    /// <summary>Adds users up to <paramref name="count"/>, each with labels and a serving model.</summary>
    public async Task GrowUsersAsync(int count, int labelsPerUser, CancellationToken ct)
    {
        while (_base.Count < BaseModels)
        {
            var labelled = corpus.Sample(labelsPerUser, seed: 1000 + _base.Count);
            _base.Add((_ngram.Train(Examples(labelled), ct).Serialize(), labelled));
        }
        var metrics = new ModelMetrics(labelsPerUser, 0, 5, 0, 0, 0, 0, 0, 0, 0.5);
        for (; _registered < count; _registered++)
        {
            var user = UserId(_registered);
            var (bytes, labelled) = _base[_registered % BaseModels];
            await _users.UpsertAsync(new UserProfile(user), ct);
            await _labels.ImportAsync([.. labelled.Select(i =>
                new Click($"{user}-{i}", user, corpus.Works[i].Id, corpus.Liked[i], DateTimeOffset.UnixEpoch.AddDays(i), "import"))], ct);
            var version = await _registry.RegisterAsync(new TasteModelDraft(user, _ngram.Name, metrics, bytes), ct);
            await _registry.PromoteAsync(user, version.Version, "scale benchmark", ct);
        }
    }

    /// <summary>
    /// Work×user pairs scored per second by <see cref="WorkScorer"/> (no score writes, no bus) with the service's
    /// serving models, held within <c>Inference:ServingModels:SizeLimitMb</c>: all users in one call, as the consumer
    /// does, and, up to <paramref name="aloneUpTo"/> users, each user in a call of their own (every call featurises
    /// the batch again and uses one core), which is how the cost grew with users before features were shared.
    /// </summary>
    public async Task<UsersRow> ScoreAsync(int batchSize, long targetPairs, int aloneUpTo, CancellationToken ct)
    {
        var scorer = services.GetRequiredService<WorkScorer>();
        var serving = services.GetRequiredService<ServingModels>();
        var users = await services.GetRequiredService<Audience>().ListAsync(null, ct);
        var batch = Batch(batchSize);

        var load = Stopwatch.StartNew();
        await scorer.ScoreAsync(WorkScorer.OnRequest, batch[..1], users, ct);   // loads every serving model (and holds what fits)
        var loadSeconds = load.Elapsed.TotalSeconds;

        var rounds = Math.Max(1, (int)(targetPairs / ((long)batch.Count * users.Count)));
        long pairs = (long)rounds * batch.Count * users.Count;
        var loads = serving.Loads;
        var (together, togetherCpu) = await Timed(async () => { for (var r = 0; r < rounds; r++) await scorer.ScoreAsync(WorkScorer.OnRequest, batch, users, ct); });
        var loadsPerBatch = (serving.Loads - loads) / (double)rounds;
        var (held, heldBytes) = serving.Held;
        ProcessFigures.Settle();
        var managed = ProcessFigures.ManagedMb();
        var rss = ProcessFigures.RssMb;
        var row = new UsersRow(users.Count, pairs, pairs / together, pairs / togetherCpu, loadSeconds, held, heldBytes / 1048576.0, loadsPerBatch, managed, rss);
        if (users.Count <= aloneUpTo)
        {
            var (alone, aloneCpu) = await Timed(async () =>
            {
                for (var r = 0; r < rounds; r++)
                    foreach (var user in users) await scorer.ScoreAsync(WorkScorer.OnRequest, batch, [user], ct);
            });
            row = row with { AlonePairsPerSecond = pairs / alone, AlonePairsPerCpuSecond = pairs / aloneCpu, Breakdown = await BreakdownAsync(batch, users, ct) };
        }
        log.WriteLine($"{users.Count} users: {row.PairsPerSecond:N0} pairs/s, {row.PairsPerCpuSecond:N0} per CPU-second, {held:N0} models held ({row.HeldMb:F0} MB), {loadsPerBatch:N0} loads a batch, load {loadSeconds:F1} s, heap {managed:F0} MB, RSS {rss:F0} MB");
        return row;
    }

    /// <summary>
    /// The same scoring with every model held (a second <see cref="ServingModels"/> without a useful limit, in this
    /// process after the bounded figures were taken): the models' heap, the RSS it reaches and the pairs per second.
    /// </summary>
    public async Task<UnboundedRow> UnboundedAsync(int batchSize, CancellationToken ct)
    {
        var users = await services.GetRequiredService<Audience>().ListAsync(null, ct);
        var batch = Batch(batchSize);
        ProcessFigures.Settle();
        var heapBefore = ProcessFigures.ManagedMb();
        var all = ActivatorUtilities.CreateInstance<ServingModels>(services, Options.Create(new ServingModelsOptions { SizeLimitMb = 1_048_576 }));
        var scorer = ActivatorUtilities.CreateInstance<WorkScorer>(services, all);
        await scorer.ScoreAsync(WorkScorer.OnRequest, batch[..1], users, ct);
        var (_, bytes) = all.Held;
        ProcessFigures.Settle();
        var heap = ProcessFigures.ManagedMb() - heapBefore;
        var rss = ProcessFigures.RssMb;
        var (seconds, cpu) = await Timed(() => scorer.ScoreAsync(WorkScorer.OnRequest, batch, users, ct));
        var pairs = (double)batch.Count * users.Count;
        var row = new UnboundedRow(users.Count, all.Held.Models, bytes / 1048576.0, heap, rss, pairs / seconds, pairs / cpu);
        log.WriteLine($"{users.Count} users, every model held: {row.HeldMb:F0} MB estimated, heap +{heap:F0} MB, RSS {rss:F0} MB, {row.PairsPerSecond:N0} pairs/s");
        return row;
    }

    private List<Work> Batch(int size) => [.. corpus.Sample(size, seed: 7).Select(i => corpus.Works[i])];

    /// <summary>
    /// Where a batch's CPU time goes, per work×user pair: building the model inputs (once per work), the models'
    /// predictions with their reasons (featurising included, on fresh inputs), and the whole scorer around them.
    /// </summary>
    private async Task<ScoringBreakdown> BreakdownAsync(IReadOnlyList<Work> batch, IReadOnlyList<UserProfile> users, CancellationToken ct)
    {
        var serving = services.GetRequiredService<ServingModels>();
        var models = new List<ITasteModel>();
        foreach (var user in users)
            if (await serving.FindAsync(user.UserId, ct) is { } model) models.Add(model.Model);
        var pairs = (double)batch.Count * users.Count;
        List<TasteInput> built = [];
        var (_, build) = await Timed(() => { built = [.. batch.Select(_inputs.Build)]; return Task.CompletedTask; });
        var (_, predict) = await Timed(() => { Parallel.ForEach(models, m => m.Predict(built)); return Task.CompletedTask; });
        var (_, whole) = await Timed(() => services.GetRequiredService<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, batch, users, ct));
        return new ScoringBreakdown(build * 1e6 / pairs, predict * 1e6 / pairs, (whole - build - predict) * 1e6 / pairs);
    }

    /// <summary>The same kind of scores written one store call each, then one call per batch of <paramref name="batch"/>.</summary>
    public async Task<IReadOnlyList<ScoreWritesRow>> ScoreWritesAsync(int single, int batch, int batches, CancellationToken ct)
    {
        var scores = services.GetRequiredService<IScoreStore>();
        var run = Guid.NewGuid();
        WorkScored Score(int i) => new(run, $"RJ8{i:D7}", UserId(i % 100), 0.5, 0.5, true, _ngram.Name, 1,
            [new ScoreReason("model", "title: 耳かき", 0.3), new ScoreReason("model", "voice actor: 春野ゆき", 0.2), new ScoreReason("model", "genre: ASMR", 0.1)]);
        var (oneEach, _) = await Timed(async () => { for (var i = 0; i < single; i++) await scores.AddAsync(Score(i), ct); });
        var (perBatch, _) = await Timed(async () =>
        {
            for (var b = 0; b < batches; b++)
                await scores.AddManyAsync([.. Enumerable.Range(single + b * batch, batch).Select(Score)], ct);
        });
        var rows = new ScoreWritesRow[] { new("one store call per score", single, single / oneEach), new($"one store call per batch of {batch:N0}", batch * batches, batch * batches / perBatch) };
        foreach (var r in rows) log.WriteLine($"{r.Way}: {r.ScoresPerSecond:N0} scores/s");
        return rows;
    }

    private static async Task<(double Seconds, double CpuSeconds)> Timed(Func<Task> action)
    {
        var cpu = ProcessFigures.Cpu;
        var clock = Stopwatch.StartNew();
        await action();
        return (clock.Elapsed.TotalSeconds, (ProcessFigures.Cpu - cpu).TotalSeconds);
    }

    /// <summary>
    /// New works through the running inference consumer over the bus: NewWorkDetected in, every user's score
    /// stored, the verdicts to post published as WorkScored and received where the notifier would be.
    /// </summary>
    public async Task<PipelineRow> PipelineAsync(int works, int firstWork, CancellationToken ct)
    {
        var users = await services.GetRequiredService<Audience>().ListAsync(null, ct);
        // Serving models load on first use (the scoring table's model load), and the bus's code paths are compiled
        // on their first messages: neither is this stage's cost.
        await services.GetRequiredService<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [corpus.Works[0]], users, ct);
        const int warmUp = 100;
        await SendAsync(warmUp, firstWork, ct);

        var cpu = ProcessFigures.Cpu;
        var gen2 = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        var finished = await SendAsync(works, firstWork + warmUp, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (ProcessFigures.Cpu - cpu).TotalSeconds;
        var tally = services.GetRequiredService<ScoredTally>();
        var latencies = tally.LatenciesMs;
        double through = tally.Through;
        var scores = through * users.Count;
        var row = new PipelineRow(users.Count, works, through / seconds, scores / seconds, scores / cpuSeconds,
            Percentile(latencies, 0.5), Percentile(latencies, 0.99), ProcessFigures.PeakRssMb)
        {
            Published = tally.News,
            CpuUsPerWork = cpuSeconds * 1e6 / Math.Max(1, through),
            Gen2Collections = GC.CollectionCount(2) - gen2,
            Cut = finished ? null : FormattableString.Invariant($"cut after {seconds:F0} s: {through:N0} of {works:N0} works"),
        };
        log.WriteLine($"pipeline, {users.Count} users: {row.WorksPerSecond:N0} works/s, {row.Published:N0} WorkScored published, p50 {row.P50Ms:F0} ms, p99 {row.P99Ms:F0} ms");
        return row;
    }

    /// <summary>Publishes <paramref name="works"/> new works of one crawl run and waits until they are through (at most five minutes).</summary>
    private async Task<bool> SendAsync(int works, int firstWork, CancellationToken ct)
    {
        var tally = services.GetRequiredService<ScoredTally>();
        var publish = services.GetRequiredService<IPublishEndpoint>();
        tally.Expect(works);
        var run = Guid.NewGuid();
        // Drawn at random: the corpus is ordered by section, and its first thousand would be nearly all liked.
        var order = corpus.Sample(corpus.Works.Count, seed: firstWork);
        foreach (var work in Enumerable.Range(firstWork, works).Select(i => corpus.Works[order[i % order.Count]] with { Id = $"RJ9{i:D7}" }))
        {
            tally.Published(work.Id);
            await publish.Publish(new NewWorkDetected(run, work), ct);
        }
        // A stage that cannot finish in time is reported on what arrived, not lost.
        return await Task.WhenAny(tally.Done, Task.Delay(TimeSpan.FromMinutes(5), ct)) == tally.Done;
    }

    private static string UserId(int n) => $"user{n:D4}";

    private List<Example> Examples(IEnumerable<int> indexes) =>
        [.. indexes.Select(i => new Example(_inputs.Build(corpus.Works[i]), corpus.Liked[i]))];

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

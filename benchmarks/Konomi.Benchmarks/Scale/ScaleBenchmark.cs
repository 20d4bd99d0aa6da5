using System.Diagnostics;
using Konomi.Contracts;
using Konomi.Inference;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using MassTransit;

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
        var row = new TrainingRow(n, clock.Elapsed.TotalSeconds, (ProcessFigures.Cpu - cpu).TotalSeconds, model.Serialize().Length);
        log.WriteLine($"trained on {n} labels: {row.WallSeconds:F1} s, {row.ModelBytes:N0} bytes");
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
    /// Work×user pairs scored per second by <see cref="WorkScorer"/> (no score writes, no bus): all users in one
    /// call, as the consumer does, then each user in a call of their own (every call featurises the batch again
    /// and uses one core), which is how the cost grew with users before features were shared.
    /// </summary>
    public async Task<UsersRow> ScoreAsync(int batchSize, long targetPairs, CancellationToken ct)
    {
        var scorer = services.GetRequiredService<WorkScorer>();
        var users = await services.GetRequiredService<Audience>().ListAsync(null, ct);
        var batch = corpus.Sample(batchSize, seed: 7).Select(i => corpus.Works[i]).ToList();

        var load = Stopwatch.StartNew();
        await scorer.ScoreAsync(WorkScorer.OnRequest, batch[..1], users, ct);   // loads every serving model
        var loadSeconds = load.Elapsed.TotalSeconds;
        var managed = ProcessFigures.ManagedMb();
        var rss = ProcessFigures.RssMb;

        var rounds = Math.Max(1, (int)(targetPairs / ((long)batch.Count * users.Count)));
        long pairs = (long)rounds * batch.Count * users.Count;
        var (together, togetherCpu) = await Timed(async () => { for (var r = 0; r < rounds; r++) await scorer.ScoreAsync(WorkScorer.OnRequest, batch, users, ct); });
        var (alone, aloneCpu) = await Timed(async () =>
        {
            for (var r = 0; r < rounds; r++)
                foreach (var user in users) await scorer.ScoreAsync(WorkScorer.OnRequest, batch, [user], ct);
        });
        var row = new UsersRow(users.Count, pairs, pairs / together, pairs / togetherCpu, pairs / alone, pairs / aloneCpu, loadSeconds, managed, rss)
        {
            Breakdown = await BreakdownAsync(batch, users, ct),
        };
        log.WriteLine($"{users.Count} users: {row.PairsPerSecond:N0} pairs/s ({row.AlonePairsPerSecond:N0} each alone), load {loadSeconds:F1} s, heap {managed:F0} MB, RSS {rss:F0} MB");
        return row;
    }

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
    /// New works through the running inference consumer over the bus: NewWorkDetected in, every WorkScored
    /// (one per work and user, each stored first) out.
    /// </summary>
    public async Task<PipelineRow> PipelineAsync(int works, int firstWork, CancellationToken ct)
    {
        var tally = services.GetRequiredService<ScoredTally>();
        var publish = services.GetRequiredService<IPublishEndpoint>();
        var users = await services.GetRequiredService<Audience>().ListAsync(null, ct);
        tally.Expect(works * users.Count);
        var run = Guid.NewGuid();
        var cpu = ProcessFigures.Cpu;
        var clock = Stopwatch.StartNew();
        foreach (var work in Enumerable.Range(firstWork, works).Select(i => corpus.Works[i % corpus.Works.Count] with { Id = $"RJ9{i:D7}" }))
        {
            tally.Published(work.Id);
            await publish.Publish(new NewWorkDetected(run, work), ct);
        }
        // A stage that cannot finish in time is reported on what arrived, not lost.
        var finished = await Task.WhenAny(tally.Done, Task.Delay(TimeSpan.FromMinutes(5), ct)) == tally.Done;
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (ProcessFigures.Cpu - cpu).TotalSeconds;
        var latencies = tally.LatenciesMs;
        double scored = finished ? works * users.Count : tally.Seen;
        var row = new PipelineRow(users.Count, works, scored / users.Count / seconds, scored / seconds, scored / cpuSeconds,
            Percentile(latencies, 0.5), Percentile(latencies, 0.99), ProcessFigures.PeakRssMb)
        {
            Cut = finished ? null : FormattableString.Invariant($"cut after {seconds:F0} s: {scored:N0} of {works * users.Count:N0} scores"),
        };
        log.WriteLine($"pipeline, {users.Count} users: {row.WorksPerSecond:N0} works/s, p50 {row.P50Ms:F0} ms, p99 {row.P99Ms:F0} ms");
        return row;
    }

    private static string UserId(int n) => $"user{n:D4}";

    private List<Example> Examples(IEnumerable<int> indexes) =>
        [.. indexes.Select(i => new Example(_inputs.Build(corpus.Works[i]), corpus.Liked[i]))];

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

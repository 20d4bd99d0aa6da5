using Konomi.Contracts;
using Konomi.Inference;
using Konomi.Notifier;
using Konomi.Storage.Ports;
using Konomi.Trainer;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Replay;

/// <summary>
/// The notification loop as a user lives it, through the product's own parts on a fresh SQLite store: the first
/// <c>seed</c> items are labelled up front; then each batch is one crawl, scored by the serving model (or the
/// cold-start scorer) with exploration, routed by the notifier's router to the (console) sink; only what the
/// ledger records as sent reveals its label, as a click would; and the trainer retrains when its own plan says
/// the user is due, its gate deciding what serves next.
/// </summary>
public sealed class NotificationLoopReplay(int seed, int batch, double explorationRate, double explorationRateWithoutModel)
{
    const string UserId = "replay";

    public async Task<ReplayResult> RunAsync(IReadOnlyList<ReplayItem> items, CancellationToken ct)
    {
        if (items.Count <= seed) throw new ArgumentException($"{items.Count} items: the replay needs more than the {seed} seed items.");
        var directory = Directory.CreateTempSubdirectory("konomi-replay-");
        try
        {
            return await RunAsync(items, directory.FullName, ct);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    async Task<ReplayResult> RunAsync(IReadOnlyList<ReplayItem> items, string dataDir, CancellationToken ct)
    {
        var clock = new ReplayClock(At(items[0].Time));
        var builder = CommandHost.CreateBuilder(dataDir, mayCreate: true, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Inference:ExplorationRate"] = explorationRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Inference:ExplorationRateWithoutModel"] = explorationRateWithoutModel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddInference();
        builder.AddTrainer();
        builder.AddNotifier();
        builder.Services.AddSingleton<TimeProvider>(clock);
        using var host = builder.Build();
        var sp = host.Services;
        var works = sp.GetRequiredService<IWorkStore>();
        var labels = sp.GetRequiredService<ILabelStore>();
        var ledger = sp.GetRequiredService<INotificationStore>();
        var scores = sp.GetRequiredService<IScoreStore>();
        var scorer = sp.GetRequiredService<WorkScorer>();
        var exploration = sp.GetRequiredService<Exploration>();
        var router = sp.GetRequiredService<NotificationRouter>();
        var trainer = sp.GetRequiredService<TasteModelTrainer>();
        var plan = sp.GetRequiredService<RetrainPlan>();
        var debounce = sp.GetRequiredService<IOptions<TrainerOptions>>().Value.Debounce;
        var profile = new UserProfile(UserId, Channel: "CREPLAY");
        await sp.GetRequiredService<IUserStore>().UpsertAsync(profile, ct);

        var count = new Counts();
        // Day one: the user labels the first items up front; the trainer's start-up schedule trains on them.
        foreach (var item in items.Take(seed))
        {
            clock.MoveTo(At(item.Time));
            await works.AddAsync(ToWork(item), Guid.NewGuid(), ct);
            await labels.RecordAsync(new Click($"seed-{item.Id}", UserId, item.Id, item.Liked, At(item.Time), "annotator"), ct);
        }
        count.Add(await trainer.TrainAsync(UserId, ct));

        var rest = items.Skip(seed).ToList();
        foreach (var crawl in rest.Chunk(batch))
        {
            var crawlRunId = Guid.NewGuid();
            clock.MoveTo(At(crawl.Max(i => i.Time)));
            var crawled = crawl.Select(ToWork).ToList();
            foreach (var work in crawled)
                await works.AddAsync(work, crawlRunId, ct);
            var scored = exploration.Apply(await scorer.ScoreAsync(crawlRunId, crawled, [profile], ct), [profile]);
            foreach (var score in scored)
            {
                await scores.AddAsync(score, ct);
                if (score.ToPost)
                    await router.RouteAsync(profile, score, ct);
            }

            // A click comes a minute after the post; only what was posted can be clicked.
            var clickAt = clock.GetUtcNow().AddMinutes(1);
            foreach (var item in crawl)
            {
                var entry = await ledger.FindAsync(item.Id, NotificationTarget.For(profile), ct);
                if (entry is not { Status: NotificationStatus.Sent }) continue;
                count.Post(item.Liked, entry.ExplorationProbability is not null);
                await labels.RecordAsync(new Click($"click-{item.Id}", UserId, item.Id, item.Liked, clickAt, "replay"), ct);
                plan.Feedback(UserId);
            }
            // The next crawl is later than the debounce: whoever clicked is due by the trainer's own rule.
            clock.MoveTo(clickAt + debounce);
            foreach (var due in plan.TakeDue())
                count.Add(await trainer.TrainAsync(due, ct));
        }
        return new ReplayResult(rest.Count, rest.Count(i => i.Liked), count.Posted, count.LikedPosted, count.Explored, count.LikedExplored,
            count.Posted, count.Trainings, count.Promotions, count.Rejections, explorationRate, explorationRateWithoutModel);
    }

    static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    static Work ToWork(ReplayItem item) => new()
    {
        Id = item.Id,
        Title = item.Text,
        Url = $"https://replay.invalid/{Uri.EscapeDataString(item.Id)}",
    };

    sealed class Counts
    {
        public int Posted, LikedPosted, Explored, LikedExplored, Trainings, Promotions, Rejections;

        public void Post(bool liked, bool explored)
        {
            Posted++;
            if (liked) LikedPosted++;
            if (explored) Explored++;
            if (explored && liked) LikedExplored++;
        }

        public void Add(ModelCard card)
        {
            if (card.Decision == TrainingDecision.NotTrained) return;
            Trainings++;
            if (card.Decision == TrainingDecision.Promoted) Promotions++;
            else Rejections++;
        }
    }
}

using Konomi.Labelling;
using Konomi.Contracts;
using Konomi.Inference;
using Konomi.Notifier;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Ngram;
using Konomi.Trainer;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Replay;

/// <summary>
/// The notification loop as users live it, through the product's own parts on a fresh SQLite store: the first
/// <c>seed</c> items of each history are labelled up front; then each batch is one crawl, scored by the serving model
/// (or the cold-start scorer) with exploration, routed by the notifier's router to the (console) sink; only what the
/// ledger records as sent reveals its label, as a click would; and the trainer retrains whoever its own plan says is
/// due, its gate deciding what serves next. Several histories are a workspace: they advance together, one batch each per
/// crawl, and with <c>learnFromEveryone</c> the trainer's workspace training (shared model with personal offsets) sees
/// every sharing person's revealed labels, exactly as <see cref="RetrainLoop"/> runs it.
/// </summary>
public sealed class NotificationLoopReplay(int seed, int batch, double explorationRate, double explorationRateWithoutModel, bool learnFromEveryone = true)
{
    const string UserId = "replay";

    public async Task<ReplayResult> RunAsync(IReadOnlyList<ReplayItem> items, CancellationToken ct) =>
        (await RunAsync([new ReplayHistory(UserId, items)], ct))[0];

    /// <summary>One result per history, in the order given.</summary>
    public async Task<IReadOnlyList<ReplayResult>> RunAsync(IReadOnlyList<ReplayHistory> histories, CancellationToken ct)
    {
        if (histories.FirstOrDefault(h => h.Items.Count <= seed) is { } tooShort)
            throw new ArgumentException($"{tooShort.User}: {tooShort.Items.Count} items: the replay needs more than the {seed} seed items.");
        if (histories.Select(h => h.User).Distinct(StringComparer.Ordinal).Count() != histories.Count)
            throw new ArgumentException("Each history needs a user of its own.");
        var directory = Directory.CreateTempSubdirectory("konomi-replay-");
        try
        {
            return await RunAsync(histories.Count == 1 ? histories : Together(histories), directory.FullName, ct);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Each person's history keeps its order and its batches, on one timeline: day one holds every seed, crawl k is day
    /// k + 1 for everyone. People's own times (years apart in MovieLens) would make the shared clock run backwards; the
    /// trainer and its gate only compare times, so a history lived alone gives the same result on either timeline.
    /// </summary>
    IReadOnlyList<ReplayHistory> Together(IReadOnlyList<ReplayHistory> histories)
    {
        var origin = histories.Min(h => h.Items[0].Time);
        return [.. histories.Select(h => h with
        {
            Items = [.. h.Items.Select((item, i) => item with { Time = origin + (i < seed ? 0 : 1 + (i - seed) / batch) * 86_400L + i })],
        })];
    }

    async Task<IReadOnlyList<ReplayResult>> RunAsync(IReadOnlyList<ReplayHistory> histories, string dataDir, CancellationToken ct)
    {
        var clock = new ReplayClock(At(histories.Min(h => h.Items[0].Time)));
        var builder = CommandHost.CreateBuilder(dataDir, mayCreate: true, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Inference:ExplorationRate"] = explorationRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Inference:ExplorationRateWithoutModel"] = explorationRateWithoutModel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Trainer:LearnFromEveryone"] = learnFromEveryone ? "true" : "false",
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
        var workspace = sp.GetRequiredService<WorkspaceTrainer>();
        var plan = sp.GetRequiredService<RetrainPlan>();
        var debounce = sp.GetRequiredService<IOptions<TrainerOptions>>().Value.Debounce;
        var sharedRecipe = sp.GetRequiredService<ModelRecipes>().For(NgramFamily.Name, shared: true).Fingerprint;
        // Each person's own channel, with an id the notifier's profile rules accept (user ids need not be Slack-id letters).
        var people = histories.Select((h, i) => new Person(h, new UserProfile(h.User, Channel: $"CREPLAY{i}"), seed, batch)).ToList();
        var byUser = people.ToDictionary(p => p.Profile.UserId, StringComparer.Ordinal);
        var users = sp.GetRequiredService<IUserStore>();
        foreach (var person in people)
            await users.UpsertAsync(person.Profile, ct);

        // Day one: each person labels their first items up front; the trainer's start-up schedule trains on them.
        foreach (var person in people)
            foreach (var item in person.History.Items.Take(seed))
            {
                clock.MoveTo(At(item.Time));
                await works.AddAsync(item.ToWork(), Guid.NewGuid(), ct);
                await labels.RecordAsync(new Click($"seed-{person.Profile.UserId}-{item.Id}", person.Profile.UserId, item.Id, item.Liked, At(item.Time), "annotator"), ct);
            }
        await TrainAsync([.. people.Select(p => p.Profile.UserId)]);

        for (var step = 0; ; step++)
        {
            var crawls = people.Select(p => (Person: p, Items: p.Crawl(step))).Where(c => c.Items.Count > 0).ToList();
            if (crawls.Count == 0) break;
            clock.MoveTo(At(crawls.Max(c => c.Items.Max(i => i.Time))));
            foreach (var (person, crawl) in crawls)
            {
                var crawlRunId = Guid.NewGuid();
                var crawled = crawl.Select(i => i.ToWork()).ToList();
                foreach (var work in crawled)
                    await works.AddAsync(work, crawlRunId, ct);
                var run = await scorer.ScoreRunAsync(crawlRunId, crawled, [person.Profile], ct);
                var scored = exploration.Apply(run.Scores, [person.Profile], run.Likes);
                foreach (var score in scored)
                {
                    await scores.AddAsync(score, ct);
                    if (score.ToPost)
                        await router.RouteAsync(person.Profile, score, ct);
                }
            }

            // A click comes a minute after the post; only what was posted can be clicked.
            var clickAt = clock.GetUtcNow().AddMinutes(1);
            foreach (var (person, crawl) in crawls)
                foreach (var item in crawl)
                {
                    var entry = await ledger.FindAsync(item.Id, NotificationTarget.For(person.Profile), ct);
                    if (entry is not { Status: NotificationStatus.Sent }) continue;
                    person.Counts.Post(item.Liked, entry.ExplorationProbability is not null);
                    await labels.RecordAsync(new Click($"click-{person.Profile.UserId}-{item.Id}", person.Profile.UserId, item.Id, item.Liked, clickAt, "replay"), ct);
                    plan.Feedback(person.Profile.UserId);
                }
            // The next crawl is later than the debounce: whoever clicked is due by the trainer's own rule.
            clock.MoveTo(clickAt + debounce);
            await TrainAsync(plan.TakeDue());
        }
        return [.. people.Select(p => p.Result(explorationRate, explorationRateWithoutModel))];

        // As RetrainLoop does: the workspace takes the due sharing users it can, everyone else trains alone.
        async Task TrainAsync(IReadOnlyCollection<string> due)
        {
            if (due.Count == 0) return;
            var cards = await workspace.TrainAsync(due, ct);
            foreach (var card in cards)
                byUser[card.UserId].Counts.Add(card, sharedRecipe);
            foreach (var user in due.Where(u => cards.All(c => c.UserId != u)))
                byUser[user].Counts.Add(await trainer.TrainAsync(user, ct), sharedRecipe);
        }
    }

    static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    sealed class Person(ReplayHistory history, UserProfile profile, int seed, int batch)
    {
        public ReplayHistory History { get; } = history;
        public UserProfile Profile { get; } = profile;
        public Counts Counts { get; } = new();

        /// <summary>The items of crawl <paramref name="step"/> (from 0, after the seed); none once the history is lived.</summary>
        public IReadOnlyList<ReplayItem> Crawl(int step) => [.. History.Items.Skip(seed + step * batch).Take(batch)];

        public ReplayResult Result(double explorationRate, double explorationRateWithoutModel)
        {
            var rest = History.Items.Skip(seed).ToList();
            return new ReplayResult(rest.Count, rest.Count(i => i.Liked), Counts.Posted, Counts.LikedPosted, Counts.Explored, Counts.LikedExplored,
                Counts.Posted, Counts.Trainings, Counts.Promotions, Counts.Rejections, explorationRate, explorationRateWithoutModel, Counts.SharedPromotions);
        }
    }

    sealed class Counts
    {
        public int Posted, LikedPosted, Explored, LikedExplored, Trainings, Promotions, Rejections, SharedPromotions;

        public void Post(bool liked, bool explored)
        {
            Posted++;
            if (liked) LikedPosted++;
            if (explored) Explored++;
            if (explored && liked) LikedExplored++;
        }

        public void Add(ModelCard card, string sharedRecipe)
        {
            if (card.Decision == TrainingDecision.NotTrained) return;
            Trainings++;
            if (card.Decision != TrainingDecision.Promoted)
            {
                Rejections++;
                return;
            }
            Promotions++;
            if (card.Metrics?.Recipe?.Fingerprint == sharedRecipe) SharedPromotions++;
        }
    }
}

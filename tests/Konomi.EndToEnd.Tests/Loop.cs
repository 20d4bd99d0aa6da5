using System.Diagnostics;
using System.Text.Json.Nodes;
using Konomi.Emulators.DLsite;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// The whole loop for one scenario: the DLsite and Slack emulators in this process, every service host as
/// its own process, two users (alice in a channel, bob by DM) whose labelled history gives each a serving
/// taste model before the first crawl. Feedback runs in Socket Mode, the production default, through the
/// Slack emulator (or over the signed HTTP endpoint when a scenario sets <c>Feedback__Mode=http</c>).
/// </summary>
public sealed class Loop : IAsyncDisposable
{
    /// <summary>Labelled works per user before Konomi runs: three per circle, over the trainer's first-model minimum.</summary>
    public const int HistorySize = 21;
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    Loop(Pipeline pipeline, DLsiteEmulator dlsite, SlackEmulator slack, IReadOnlyList<Listener> listeners, string? signingSecret)
    {
        _signingSecret = signingSecret;
        Pipeline = pipeline;
        DLsite = dlsite;
        Slack = slack;
        Listeners = listeners;
        Clicks = new Clicks(this);
    }

    readonly string? _signingSecret;

    public Pipeline Pipeline { get; }
    public DLsiteEmulator DLsite { get; }
    public SlackEmulator Slack { get; }
    public IReadOnlyList<Listener> Listeners { get; }
    public Clicks Clicks { get; }

    /// <summary>
    /// Imports each user's labelled history, starts everything but the crawler and waits until the trainer
    /// (which retrains users with new labels when it starts) serves both a first model.
    /// <paramref name="settings"/> override the defaults (environment-variable names).
    /// </summary>
    public static async Task<Loop> StartAsync(string scenario, CancellationToken ct, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dlsite = await DLsiteEmulator.StartAsync(ct);
        var slack = await SlackEmulator.StartAsync(ct);
        Listener[] listeners =
        [
            new("alice", slack.AddUser(), slack.AddChannel(), Tastes.AliceLikes),
            new("bob", slack.AddUser(), null, Tastes.BobLikes),
        ];
        var environment = Environment(dlsite, slack, listeners);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            environment[key] = value;

        var pipeline = await Pipeline.StartAsync(scenario, environment, [], ct);
        var http = environment["Feedback__Mode"] == "http";
        var loop = new Loop(pipeline, dlsite, slack, listeners, http ? environment["Slack__SigningSecret"] : null);
        try
        {
            await loop.ImportHistoryAsync(ct);
            await pipeline.StartServicesAsync(Pipeline.Services.Except(["crawler"]), ct);
            await loop.WaitForServingVersionAsync(1, ct);
            return loop;
        }
        catch
        {
            await loop.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the crawler host; its schedule crawls at once and then every two seconds.</summary>
    public Task StartCrawlerAsync(CancellationToken ct) => Pipeline.StartServiceAsync("crawler", ct);

    public Listener Listener(string userId) => Listeners.Single(l => l.UserId == userId);

    /// <summary>Where a user's notifications land in Slack: their channel, or the DM conversations.open gives.</summary>
    public string Target(Listener listener) => listener.Channel ?? Slack.DirectMessageChannel(listener.SlackUserId);

    public EmulatedWork Work(string workId) => DLsite.Works.Single(w => w.Id == workId);

    /// <summary>
    /// Waits until every work is scored for every user and every liked one is posted, presses each posted
    /// message's button once, waits until every press is stored and followed up, lets the queues drain (so a
    /// late duplicate would show), and counts. <paramref name="clock"/> started when the works were put on the listing.
    /// </summary>
    public async Task<ScenarioTally> FinishAsync(string scenario, IReadOnlyCollection<string> workIds, Stopwatch clock, CancellationToken ct)
    {
        await WaitUntilPostedAsync(workIds, ct);
        await Clicks.PressAllAsync(workIds, ct);
        return await SettleAsync(scenario, workIds, clock, ct);
    }

    public Task WaitUntilPostedAsync(IReadOnlyCollection<string> workIds, CancellationToken ct) =>
        WaitUntilNothingLostAsync("every work scored for every user and every liked one posted", workIds, ct);

    /// <summary>Waits until every press is stored and followed up, lets the queues drain, and counts.</summary>
    public async Task<ScenarioTally> SettleAsync(string scenario, IReadOnlyCollection<string> workIds, Stopwatch clock, CancellationToken ct)
    {
        await WaitUntilNothingLostAsync("every press stored, announced and shown", workIds, ct);
        var elapsed = clock.Elapsed;
        await DrainAsync(ct);
        return await Outcome.CountAsync(this, scenario, workIds, elapsed, ct);
    }

    /// <summary>Waits until the test's own witness queues are empty, so <see cref="Pipeline.Witness"/> has counted all that reached the broker.</summary>
    public Task DrainWitnessAsync(CancellationToken ct) =>
        Eventually.HoldsAsync(async () => (await Pipeline.QueueDepthsAsync(ct)).Where(q => q.Key.EndsWith("-witness", StringComparison.Ordinal)).All(q => q.Value == 0), "the witness queues drained", Patience, () => Pipeline.LogTail(40), ct);

    /// <summary>Every user's stored scores of <paramref name="workIds"/>.</summary>
    public async Task<List<Konomi.Contracts.WorkScored>> ScoresAsync(IReadOnlyCollection<string> workIds, CancellationToken ct)
    {
        var scores = new List<Konomi.Contracts.WorkScored>();
        foreach (var listener in Listeners)
            scores.AddRange((await Pipeline.Store<IScoreStore>().ListAsync(listener.UserId, 1000, ct)).Where(s => workIds.Contains(s.WorkId)));
        return scores;
    }

    public async Task<int> ScoredAsync(IReadOnlyCollection<string> workIds, CancellationToken ct) => (await ScoresAsync(workIds, ct)).Count;

    /// <summary>Waits until the first of <paramref name="workIds"/> is scored: the moment to break something mid-run.</summary>
    public Task WaitUntilScoringStartedAsync(IReadOnlyCollection<string> workIds, CancellationToken ct) =>
        Eventually.HoldsAsync(async () => await ScoredAsync(workIds, ct) > 0, "a work scored", Patience, () => Pipeline.LogTail(40), ct);

    Task WaitUntilNothingLostAsync(string what, IReadOnlyCollection<string> workIds, CancellationToken ct) =>
        Eventually.NothingMissingAsync(async () => (await Outcome.CountAsync(this, "", workIds, TimeSpan.Zero, ct)) is { Lost: > 0 } tally
            ? $"{what}; still {string.Join("; ", tally.Problems)}"
            : null, Patience, () => Pipeline.LogTail(40), ct);

    /// <summary>Waits until no queue holds a message (error queues aside), then a little longer for stragglers.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        await Eventually.HoldsAsync(async () => (await Pipeline.QueueDepthsAsync(ct))
            .Where(q => !q.Key.EndsWith("_error", StringComparison.Ordinal) && !q.Key.EndsWith("_skipped", StringComparison.Ordinal))
            .All(q => q.Value == 0), "every queue drained", Patience, () => Pipeline.LogTail(40), ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
    }

    /// <summary>Each user's serving model version (0 for none).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ServingVersionsAsync(CancellationToken ct)
    {
        var versions = new Dictionary<string, int>();
        foreach (var listener in Listeners)
            versions[listener.UserId] = (await Pipeline.Store<ITasteModelRegistry>().FindServingAsync(listener.UserId, ct))?.Version ?? 0;
        return versions;
    }

    /// <summary>
    /// Delivers a click as Slack would: an interactive envelope over Socket Mode, or (<c>Feedback:Mode=http</c>)
    /// a signed POST to the feedback host's <c>/slack/interactions</c>, which must answer 200.
    /// </summary>
    public async Task DeliverInteractionAsync(JsonObject payload, CancellationToken ct)
    {
        if (_signingSecret is null)
        {
            await Slack.PushInteractionAsync(payload, ct);
            return;
        }
        using var http = new HttpClient { BaseAddress = Pipeline["feedback"].BaseAddress };
        using var response = await new SlackInteractionSender(http, _signingSecret).SendAsync(payload, DateTimeOffset.UtcNow, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until every user's serving model is at least <paramref name="version"/>.</summary>
    public Task WaitForServingVersionAsync(int version, CancellationToken ct) =>
        Eventually.HoldsAsync(async () => (await ServingVersionsAsync(ct)).Values.All(v => v >= version), $"every user serving model v{version}", Patience, () => Pipeline.LogTail(40), ct);

    /// <summary>
    /// Each user's labelled history, imported as an operator would before the first run: the works stored
    /// (already announced, so never notified) and one click each.
    /// </summary>
    async Task ImportHistoryAsync(CancellationToken ct)
    {
        var works = Pipeline.Store<IWorkStore>();
        var labels = Pipeline.Store<ILabelStore>();
        var importRun = Guid.NewGuid();
        var history = Tastes.History(HistorySize);
        foreach (var work in history)
        {
            await works.AddAsync(work, importRun, ct);
            await works.MarkAnnouncedAsync(work.Id, ct);
        }
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        foreach (var listener in Listeners)
            foreach (var work in history)
            {
                var interested = listener.LikesCircle(work.Circle);
                await labels.RecordAsync(new Click($"import:{listener.UserId}:{work.Id}", listener.UserId, work.Id, interested, at, "import"), ct);
            }
    }

    static Dictionary<string, string?> Environment(DLsiteEmulator dlsite, SlackEmulator slack, IReadOnlyList<Listener> listeners)
    {
        var environment = dlsite.Settings().Concat(slack.Settings())
            .ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["Crawler__ScheduleEnabled"] = "true";
        environment["Crawler__Interval"] = "00:00:02";
        environment["Crawler__Floors__0"] = "maniax";
        environment["Crawler__PagesPerCycle"] = "1";
        environment["Feedback__Mode"] = "socket";
        environment["Slack__SigningSecret"] = "e2e-signing-" + Guid.NewGuid().ToString("N");
        environment["Feedback__Reconnect__BaseDelay"] = "00:00:00.200";
        environment["Notifier__SweepInterval"] = "00:00:01";
        // A post Slack failed is tried again after 2 min, doubling, in production; a second here.
        environment["Notifier__RetryDelay"] = "00:00:01";
        // A post cut off mid-way (a kill, a broker restart) leaves its ledger lease until it expires: 2 min in
        // production, 10 s here so a scenario sees the retry.
        environment["Notifier__LeaseDuration"] = "00:00:10";
        // Likewise a follow-up whose worker was killed mid-way: 1 min in production.
        environment["Feedback__FollowUpLease"] = "00:00:10";
        environment["Inference__BatchTimeLimit"] = "00:00:00.500";
        environment["Trainer__Debounce"] = "00:00:01";
        // The fault scenarios count every post against a liked score; exploration posts have their own tests.
        environment["Inference__ExplorationRate"] = "0";
        environment["Inference__ExplorationRateWithoutModel"] = "0";
        foreach (var (listener, index) in listeners.Select((l, i) => (l, i)))
            foreach (var (key, value) in listener.Settings(index))
                environment[key] = value;
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Slack.DisposeAsync();
        await DLsite.DisposeAsync();
    }
}

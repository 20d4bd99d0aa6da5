using System.Text.Json.Nodes;
using Konomi.Contracts;
using Konomi.Emulators.Slack;
using Konomi.Hosting;
using Konomi.Slack;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Feedback.Tests;

/// <summary>
/// The feedback service as a host composes it (real SQLite store, the in-memory bus, the real Slack
/// client) on a loopback port, talking to the Slack emulator, with a probe consuming FeedbackReceived.
/// </summary>
public sealed class FeedbackApp : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret";

    public const string AliceSlackId = "U0ALICE";

    readonly WebApplication _app;
    readonly TestStore _store;
    readonly bool _ownsStore;

    FeedbackApp(WebApplication app, TestStore store, bool ownsStore, SlackEmulator? slack, FakeLoggerProvider logs)
    {
        _app = app;
        _store = store;
        _ownsStore = ownsStore;
        Slack = slack;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Sender = new SlackInteractionSender(Http, SigningSecret);
    }

    public SlackEmulator? Slack { get; }
    public FakeLoggerProvider Logs { get; }
    public HttpClient Http { get; }
    public SlackInteractionSender Sender { get; }
    public IReadOnlyList<FeedbackReceived> Published => Get<ReceivedFeedback>().Messages;
    public ILabelStore Labels => Get<ILabelStore>();

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Socket Mode against <paramref name="slack"/>.</summary>
    public static Task<FeedbackApp> SocketModeAsync(SlackEmulator slack) => StartAsync(slack, slack.Settings());

    /// <summary>The HTTP endpoint with <see cref="SigningSecret"/>; chat.update goes to <paramref name="slack"/>.</summary>
    public static Task<FeedbackApp> HttpModeAsync(SlackEmulator slack, int maxPayloadBytes = 1024 * 1024, TestStore? store = null, bool followUps = true,
        TimeProvider? time = null, Dictionary<string, string?>? settings = null, int failingLedgerFinds = 0)
    {
        Dictionary<string, string?> all = new(slack.Settings())
        {
            ["Feedback:Mode"] = "http",
            ["Feedback:MaxPayloadBytes"] = maxPayloadBytes.ToString(),
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:AppToken"] = null,
        };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return StartAsync(slack, all, store, followUps, time, failingLedgerFinds);
    }

    /// <summary>
    /// On <paramref name="store"/> when given (kept after disposal, as a restarted process finds it), else a
    /// fresh one. Without <paramref name="followUps"/> the worker never runs: a process that dies right after
    /// storing each click. The store knows alice (<see cref="AliceSlackId"/>), for whom works are posted.
    /// With <paramref name="time"/> every wait of the service runs on that clock.
    /// </summary>
    public static async Task<FeedbackApp> StartAsync(SlackEmulator? slack, Dictionary<string, string?> settings, TestStore? store = null, bool followUps = true,
        TimeProvider? time = null, int failingLedgerFinds = 0)
    {
        var ownsStore = store is null;
        store ??= TestStore.Sqlite();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feedback:Reconnect:BaseDelay"] = "00:00:00.050",
            ["Feedback:Retry:BaseDelay"] = "00:00:00.050",
            ["Slack:Retry:BaseDelay"] = "00:00:00.050",
            ["Slack:PostInterval"] = "00:00:00.001",
            ["Users:0:UserId"] = "alice",
            ["Users:0:SlackUserId"] = AliceSlackId,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new FakeLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);

        if (time is not null)
            builder.Services.AddSingleton(time);
        builder.AddKonomiStorage();
        // Every label store use goes through a store that can be told to fail its next writes.
        var labels = builder.Services.Single(d => d.ServiceType == typeof(ILabelStore));
        builder.Services.Remove(labels);
        builder.Services.AddSingleton(sp => new UnavailableLabelStore((ILabelStore)ActivatorUtilities.CreateInstance(sp, labels.ImplementationType!)));
        builder.Services.AddSingleton<ILabelStore>(sp => sp.GetRequiredService<UnavailableLabelStore>());
        if (failingLedgerFinds > 0)
        {
            var ledger = builder.Services.Single(d => d.ServiceType == typeof(INotificationStore));
            builder.Services.Remove(ledger);
            builder.Services.AddSingleton(sp => UnavailableLedger.Wrap((INotificationStore)ActivatorUtilities.CreateInstance(sp, ledger.ImplementationType!), failingLedgerFinds));
        }
        builder.AddFeedback();
        builder.Services.AddSingleton<ReceivedFeedback>();
        builder.Services.AddKonomiConsumers(x => x.AddConsumer<FeedbackProbe>());
        builder.AddKonomiBus();
        if (!followUps)
            builder.Services.Remove(builder.Services.Single(d => d.ImplementationType == typeof(FollowUpWorker)));

        var app = builder.Build();
        app.MapSlackInteractions();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new FeedbackApp(app, store, ownsStore, slack, logs);
    }

    /// <summary>
    /// Plays the notifier: stores the work, posts a message with the two buttons (after
    /// <paramref name="otherBlocks"/> blocks standing for a digest's other works), records it in the ledger.
    /// </summary>
    public async Task<PostedWork> PostWorkAsync(string workId, string userId = "alice", bool storeWork = true, int otherBlocks = 0)
    {
        var ct = TestContext.Current.CancellationToken;
        var crawlRunId = Guid.NewGuid();
        if (storeWork)
            await Get<IWorkStore>().AddAsync(new Work { Id = workId, Title = "作品 " + workId, Url = $"https://www.dlsite.com/maniax/work/=/product_id/{workId}.html" }, crawlRunId, ct);
        var value = new FeedbackValue(workId, userId, "tfidf-logreg", 3).Format();
        var blocks = new JsonArray(
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*作品 {workId}*" } },
            new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = FeedbackActions.BlockId(workId),
                ["elements"] = new JsonArray(
                    Button(FeedbackActions.Interested, FeedbackActions.InterestedText, value),
                    Button(FeedbackActions.NotInterested, FeedbackActions.NotInterestedText, value)),
            });
        for (var i = 0; i < otherBlocks; i++)
            blocks.Insert(0, new JsonObject { ["type"] = "divider" });
        var posted = await Get<ISlackApi>().PostMessageAsync(Slack!.GeneralChannel, "作品 " + workId, blocks, ct: ct);

        var ledger = Get<INotificationStore>();
        await ledger.TryCreateAsync(new Notification(workId, posted.Channel, userId, crawlRunId, NotificationStatus.Pending, 0, DateTimeOffset.UtcNow), ct);
        await ledger.TryLeaseAsync(workId, posted.Channel, "notifier", DateTimeOffset.UtcNow.AddMinutes(1), ct);
        await ledger.MarkSentAsync(workId, posted.Channel, "notifier", posted.Channel, posted.Ts, ct);
        return new PostedWork(workId, userId, posted.Channel, posted.Ts, blocks, crawlRunId);
    }

    /// <summary>A press of one of the work's buttons, as Slack reports it.</summary>
    public static JsonObject Press(PostedWork work, bool interested, DateTimeOffset at, string slackUser = AliceSlackId) =>
        SlackInteraction.ButtonPress(slackUser, interested ? FeedbackActions.Interested : FeedbackActions.NotInterested,
            new FeedbackValue(work.WorkId, work.UserId, "tfidf-logreg", 3).Format(), FeedbackActions.BlockId(work.WorkId),
            work.Channel, work.Ts, work.Blocks, at, "作品 " + work.WorkId);

    /// <summary>The text of the work's button marked chosen (✓), or null.</summary>
    public static string? ButtonShownChosen(JsonArray blocks, string workId) =>
        (blocks.OfType<JsonObject>().Single(b => b["block_id"]?.GetValue<string>() == FeedbackActions.BlockId(workId))["elements"] as JsonArray)!
            .OfType<JsonObject>().Select(e => e["text"]!["text"]!.GetValue<string>()).SingleOrDefault(t => t.StartsWith('✓'));

    /// <summary>The choice line Konomi added under a work's buttons, or null.</summary>
    public static string? ChoiceShown(JsonArray blocks, string workId) =>
        blocks.OfType<JsonObject>()
            .FirstOrDefault(b => b["block_id"]?.GetValue<string>() == "choice:" + FeedbackActions.BlockId(workId))?["elements"]?[0]?["text"]?.GetValue<string>();

    static JsonObject Button(string actionId, string text, string value) => new()
    {
        ["type"] = "button",
        ["action_id"] = actionId,
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["value"] = value,
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_ownsStore)
            await _store.DisposeAsync();
    }
}

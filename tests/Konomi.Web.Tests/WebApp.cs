using Konomi.Contracts;
using Konomi.Crawler;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Web.Tests;

/// <summary>
/// The web app as <c>konomi-web</c> composes it (real SQLite store, the in-memory bus, the feedback service's
/// click recorder) on a real Kestrel port, with a probe consuming FeedbackReceived. Data goes in through the store ports.
/// </summary>
public sealed class WebApp : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly TestStore _store;

    WebApp(WebApplication app, TestStore store, string url, FakeLoggerProvider logs)
    {
        Logs = logs;
        _app = app;
        _store = store;
        Url = url;
    }

    /// <summary>Where a browser reaches it (loopback, whatever the listener).</summary>
    public string Url { get; }

    public FakeLoggerProvider Logs { get; }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public IReadOnlyList<FeedbackReceived> Published => Get<ReceivedFeedback>().Messages;

    /// <param name="listenOn">A listener beyond loopback (<c>0.0.0.0</c>) makes the app exposed.</param>
    public static async Task<WebApp> StartAsync(string listenOn = "127.0.0.1", Dictionary<string, string?>? settings = null)
    {
        var store = TestStore.Sqlite();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls($"http://{listenOn}:0");
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feedback:Retry:BaseDelay"] = "00:00:00.050",
            ["Trainer:Folds"] = "3",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        var logs = new FakeLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);

        builder.AddKonomiStorage();
        builder.AddKonomiWeb();
        builder.Services.AddCrawlerOptions();
        builder.Services.AddSingleton<ReceivedFeedback>();
        builder.Services.AddKonomiConsumers(x => x.AddConsumer<FeedbackProbe>());
        builder.AddKonomiBus();

        var app = builder.Build();
        app.MapKonomiWeb();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var port = new Uri(app.Urls.First().Replace("0.0.0.0", "127.0.0.1")).Port;
        return new WebApp(app, store, $"http://127.0.0.1:{port}", logs);
    }

    public async Task AddUserAsync(string userId) => await Get<IUserStore>().UpsertAsync(new UserProfile(userId), TestContext.Current.CancellationToken);

    public async Task<IReadOnlyList<Work>> AddWorksAsync(IReadOnlyList<Work> works)
    {
        var run = Guid.NewGuid();
        foreach (var work in works)
            await Get<IWorkStore>().AddAsync(work, run, TestContext.Current.CancellationToken);
        return works;
    }

    /// <summary>A score as inference stores it, with reasons.</summary>
    public async Task<WorkScored> ScoreAsync(Work work, string userId, double score, Guid? run = null)
    {
        var scored = new WorkScored(run ?? Guid.NewGuid(), work.Id, userId, score, 0.5, score >= 0.5, "ngram", 1,
            [new ScoreReason("model", $"voice actor: {work.VoiceActors.FirstOrDefault()}", 0.8), new ScoreReason("model", $"genre: {work.Genres[0]}", score - 0.5)]);
        await Get<IScoreStore>().AddAsync(scored, TestContext.Current.CancellationToken);
        return scored;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }
}

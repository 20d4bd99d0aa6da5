using Konomi.Contracts;
using Konomi.Crawler;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
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
    readonly bool _ownsStore;
    readonly string _listenOn;
    readonly Dictionary<string, string?>? _settings;
    readonly Action<IServiceCollection>? _services;
    readonly DirectoryInfo _machine;
    readonly int _port;
    bool _restarted;

    WebApp(WebApplication app, TestStore store, bool ownsStore, string listenOn, Dictionary<string, string?>? settings, Action<IServiceCollection>? services,
        int port, FakeLoggerProvider logs, DirectoryInfo machine)
    {
        _services = services;
        Logs = logs;
        _app = app;
        _store = store;
        _ownsStore = ownsStore;
        _listenOn = listenOn;
        _settings = settings;
        _machine = machine;
        _port = port;
        Url = $"http://127.0.0.1:{port}";
    }

    /// <summary>Where a browser reaches it (loopback, whatever the listener).</summary>
    public string Url { get; }

    public FakeLoggerProvider Logs { get; }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public IReadOnlyList<FeedbackReceived> Published => Get<ReceivedFeedback>().Messages;

    /// <param name="listenOn">A listener beyond loopback (<c>0.0.0.0</c>) makes the app exposed.</param>
    /// <param name="store">A store another app uses too (a second replica; the caller disposes it); a fresh SQLite store when null.</param>
    /// <param name="services">Changes to the app's services, made last.</param>
    public static Task<WebApp> StartAsync(string listenOn = "127.0.0.1", Dictionary<string, string?>? settings = null, TestStore? store = null,
        Action<IServiceCollection>? services = null) =>
        StartAsync(listenOn, settings, store ?? TestStore.Sqlite(), ownsStore: store is null, port: 0, services);

    /// <summary>This app stopped and a new host started over the same store on the same port, as after a restart; it takes over the store.</summary>
    public async Task<WebApp> RestartAsync()
    {
        _restarted = true;
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
        _machine.Delete(recursive: true);
        return await StartAsync(_listenOn, _settings, _store, _ownsStore, _port, _services);
    }

    static async Task<WebApp> StartAsync(string listenOn, Dictionary<string, string?>? settings, TestStore store, bool ownsStore, int port,
        Action<IServiceCollection>? services)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls($"http://{listenOn}:{port}");
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

        // Each host is a fresh machine, as a container is after a restart or beside another replica: what it would keep
        // outside the store (ASP.NET's default key folder under $HOME, one per test process here) is its own alone.
        // Registered first, so whatever the web app chooses for its keys has the last word.
        var machine = Directory.CreateTempSubdirectory("konomi-web-machine-");
        builder.Services.AddDataProtection().PersistKeysToFileSystem(machine);

        builder.AddKonomiStorage();
        builder.AddKonomiWeb();
        builder.Services.AddCrawlerOptions();
        builder.Services.AddSingleton<ReceivedFeedback>();
        builder.Services.AddKonomiConsumers(x => x.AddConsumer<FeedbackProbe>());
        builder.AddKonomiBus();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapKonomiWeb();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var bound = new Uri(app.Urls.First().Replace("0.0.0.0", "127.0.0.1")).Port;
        return new WebApp(app, store, ownsStore, listenOn, settings, services, bound, logs, machine);
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
        if (_restarted) return;   // the app after the restart owns what is left
        await _app.StopAsync();
        await _app.DisposeAsync();
        _machine.Delete(recursive: true);
        if (_ownsStore) await _store.DisposeAsync();
    }
}

using Konomi.Contracts;
using Konomi.Emulators.DLsite;
using Konomi.Storage;
using Konomi.Storage.Ports;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>
/// The crawler as a host runs it: AddCrawler over a real SQLite store in <paramref name="dataDirectory"/>,
/// pointed at the DLsite emulator, with MassTransit's in-memory test harness recording what it publishes.
/// </summary>
sealed class CrawlerHost(IHost host) : IAsyncDisposable
{
    public static async Task<CrawlerHost> StartAsync(DLsiteEmulator dlsite, string dataDirectory,
        Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(dlsite.Settings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = dataDirectory,
            ["Crawler:Floors:0"] = "maniax",
            ["Crawler:Floors:1"] = "home",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddKonomiStorage();
        builder.AddCrawler();
        builder.Services.AddMassTransitTestHarness();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new CrawlerHost(host);
    }

    public CrawlCycle Cycle => Get<CrawlCycle>();
    public IWorkStore Works => Get<IWorkStore>();
    public ISnapshotStore Snapshots => Get<ISnapshotStore>();
    public ITestHarness Bus => Get<ITestHarness>();

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>Runs <paramref name="cycles"/> crawl cycles one after another; their reports in order.</summary>
    public async Task<IReadOnlyList<CrawlReport>> RunCyclesAsync(int cycles, CancellationToken ct)
    {
        var reports = new List<CrawlReport>();
        for (var cycle = 0; cycle < cycles; cycle++) reports.Add(await Cycle.RunOnceAsync(ct));
        return reports;
    }

    public IReadOnlyList<NewWorkDetected> NewWorks => [.. Bus.Published.Select<NewWorkDetected>().Select(m => m.Context.Message)];

    public IReadOnlyList<WorksCrawled> Crawled => [.. Bus.Published.Select<WorksCrawled>().Select(m => m.Context.Message)];

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

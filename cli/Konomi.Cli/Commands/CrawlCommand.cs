using System.CommandLine;
using System.Text.Json;
using Konomi.Contracts;
using Konomi.Crawler;
using Konomi.Cli.Terminal;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi crawl</c>: the crawler alone (store + bus, no scoring). <c>--once</c> runs one cycle, as a Kubernetes
/// CronJob would; <c>--backfill --pages N</c> reads N listing pages per floor to build a labelling pool;
/// neither runs the hourly schedule until Ctrl+C. <c>--failed</c> lists the works whose own documents keep failing and
/// <c>--retry-failed</c> lets the next cycle fetch them again (after an upgrade that reads them, say).
/// </summary>
public static class CrawlCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Run one crawl cycle, print its report as JSON, then exit" };
        var backfill = new Option<bool>("--backfill") { Description = "Run one cycle reading --pages listing pages per floor (politely: same delays)" };
        var pages = new Option<int>("--pages") { Description = "Listing pages per floor for --backfill (30 works a page)", DefaultValueFactory = _ => 10 }
            .MustBe(n => n >= 1, "at least 1");
        var failed = new Option<bool>("--failed") { Description = "List the works whose own documents failed in a crawl cycle, given up or still tried, and exit" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Forget every failed work, so the next cycle fetches each again, and exit" };
        var dataDir = CommonOptions.DataDir();
        var baseUrl = CommonOptions.BaseUrl();
        var command = new Command("crawl", "Crawl DLsite for new voice works: store them and publish NewWorkDetected") { once, backfill, pages, failed, retryFailed, dataDir, baseUrl };
        command.Validators.Add(r =>
        {
            if (new[] { once, backfill, failed, retryFailed }.Count(o => r.GetValue(o)) > 1) r.AddError("Give one of --once, --backfill, --failed, --retry-failed.");
            // Without --backfill the pages asked for would be ignored: a plain `crawl` runs the hourly schedule instead.
            else if (r.GetResult(pages) is { Implicit: false } && !r.GetValue(backfill)) r.AddError("--pages is for --backfill: `konomi crawl --backfill --pages N`.");
        });
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(failed) || parse.GetValue(retryFailed))
                return await FailedWorksAsync(parse.GetValue(dataDir), retry: parse.GetValue(retryFailed), parse.InvocationConfiguration.Output, ct);
            var single = parse.GetValue(once) || parse.GetValue(backfill);
            using var host = CreateHost(parse.GetValue(dataDir), parse.GetValue(baseUrl), scheduled: !single);
            using var crawling = RunLock.Take(host.Services.GetRequiredService<IConfiguration>());
            if (!single)
            {
                await host.RunAsync(ct);
                return 0;
            }
            await host.StartAsync(ct);
            var cycle = host.Services.GetRequiredService<CrawlCycle>();
            CrawlReport report;
            try
            {
                report = parse.GetValue(backfill) ? await BackfillAsync(cycle, parse.GetValue(pages), ct) : await cycle.RunOnceAsync(ct);
            }
            catch (CrawlException e) when (e.Kind == CrawlErrorKind.Unreachable)
            {
                // The backfill's estimate: without robots.txt no delay is known, and the cycle would only wait through the same retries again.
                await host.StopAsync(ct);
                return Cli.Fail($"DLsite unreachable ({BaseUrl(host)}): {e.Message}: nothing fetched");
            }
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, KonomiJson.Options));
            await host.StopAsync(ct);
            return Ended(report, BaseUrl(host));
        });
        return Cli.Example(command, "konomi crawl --backfill --pages 2   # up to 120 works, ~41 min at DLsite's 10 s Crawl-delay", "konomi crawl --once",
            "konomi crawl --failed", "konomi crawl --retry-failed");
    }

    /// <summary>
    /// How a single cycle ends, for <c>crawl --once/--backfill</c> and <c>run --once</c>: 0 when it read a listing page (or
    /// had none to read), else 1 with one line saying DLsite was unreachable, or what else kept every listing page unread.
    /// </summary>
    internal static int Ended(CrawlReport report, Uri baseUrl)
    {
        if (report.ListingPages > 0 || report.Errors.Count == 0) return Cli.Ok;
        var errors = string.Join(", ", report.Errors.Select(e => $"{e.Key} {e.Value}"));
        return Cli.Fail(report.Errors.Keys.All(Outages.Contains)
            ? $"DLsite unreachable ({baseUrl}): no listing page could be read ({errors}); the warnings above say why"
            : $"no DLsite listing page could be read ({errors}); the warnings above say why");
    }

    static Uri BaseUrl(IHost host) => host.Services.GetRequiredService<IOptions<CrawlerOptions>>().Value.BaseUrl;

    /// <summary>The error kinds that mean DLsite did not answer usefully, as the report spells them.</summary>
    static readonly HashSet<string> Outages = [.. new[]
    {
        CrawlErrorKind.Unreachable, CrawlErrorKind.HttpError, CrawlErrorKind.Timeout, CrawlErrorKind.ServerError,
        CrawlErrorKind.Challenge, CrawlErrorKind.RateLimited, CrawlErrorKind.Truncated, CrawlErrorKind.Maintenance,
    }.Select(CrawlException.Tag)];

    /// <summary>One line per failed work, most recent first; with <paramref name="retry"/> every record is dropped instead.</summary>
    static async Task<int> FailedWorksAsync(string? dataDir, bool retry, TextWriter output, CancellationToken ct)
    {
        var builder = CommandHost.CreateBuilder(dataDir);
        builder.Services.AddCrawlerOptions();
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<ICrawlFailureStore>();
        var maxAttempts = host.Services.GetRequiredService<IOptions<CrawlerOptions>>().Value.MaxWorkAttempts;
        var listed = await store.ListAsync(int.MaxValue, ct);
        if (retry)
        {
            foreach (var failure in listed) await store.ForgetAsync(failure.WorkId, ct);
            output.WriteLine($"{listed.Count} failed work(s) forgotten: the next crawl cycle fetches each again if its floor still lists it.");
            return 0;
        }
        if (listed.Count == 0) output.WriteLine("No failed works.");
        foreach (var f in listed)
        {
            output.WriteLine($"{f.WorkId,-11} {f.State(maxAttempts),-16} last {f.LastFailedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z  {f.LastError}");
        }
        return 0;
    }

    /// <summary>The estimate first (robots.txt read, so at the real Crawl-delay), then the cycle with its progress.</summary>
    static async Task<CrawlReport> BackfillAsync(CrawlCycle cycle, int pages, CancellationToken ct)
    {
        Console.Error.WriteLine(await cycle.EstimateAsync(pages, ct));
        return await CommandProgress.ShowAsync("backfill", every: 20, display => cycle.RunAsync(pages, new ProgressLine(display), ct));
    }

    /// <summary>"page 3/20, 45/180 new works fetched", a line per listing page, every 20 works and at the end.</summary>
    sealed class ProgressLine(CommandProgress display) : IProgress<CrawlProgress>
    {
        int _pagesShown = -1;

        public void Report(CrawlProgress p)
        {
            var milestone = p.PagesRead != _pagesShown || p.RequestsDone == p.RequestsPlanned;
            _pagesShown = p.PagesRead;
            display.Report(p.RequestsDone, p.RequestsPlanned, $"page {p.PagesRead}/{p.PagesPlanned}, {p.WorksFetched}/{p.WorksFound} new works fetched", milestone);
        }
    }

    static IHost CreateHost(string? dataDir, string? baseUrl, bool scheduled)
    {
        var settings = new Dictionary<string, string?>();
        if (!scheduled) settings["Crawler:ScheduleEnabled"] = "false";
        if (baseUrl is not null) settings["Crawler:BaseUrl"] = baseUrl;
        var builder = CommandHost.CreateBuilder(dataDir, settings, mayCreate: true);
        builder.AddCrawler();
        builder.AddKonomiBus();
        if (string.IsNullOrWhiteSpace(builder.Configuration["RabbitMq:Host"]))
            Console.Error.WriteLine("konomi crawl: no RabbitMq:Host, so nothing here consumes NewWorkDetected: new works are stored, not scored. `konomi run --once` crawls, scores and notifies.");
        return builder.Build();
    }
}

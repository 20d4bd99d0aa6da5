using Konomi.Hosting;
using Konomi.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Crawler;

/// <summary>Runs a crawl cycle every <c>Crawler:Interval</c> once the host (and its bus) has started; off when <c>Crawler:ScheduleEnabled</c> is false.</summary>
public sealed partial class CrawlSchedule(
    CrawlCycle cycle,
    IOptions<CrawlerOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<CrawlSchedule> logger,
    StoreOutage? outage = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScheduleEnabled) return;
        await lifetime.WaitForStartAsync(stoppingToken);

        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await cycle.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && outage?.IsTransient(e) == true)
            {
                // The store's adapter has told why (a full disk, say); a work not stored is fetched again next cycle, one
                // stored but not announced is announced then.
                LogCycleStopped(logger, options.Value.Interval);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store or the bus failed; what was stored stays consistent and the next cycle resumes it.
                LogCycleFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(1, LogLevel.Error, "Crawl cycle failed; the next one resumes")]
    static partial void LogCycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Crawl cycle stopped, the store being away; the next one, in {Interval}, resumes")]
    static partial void LogCycleStopped(ILogger logger, TimeSpan interval);
}

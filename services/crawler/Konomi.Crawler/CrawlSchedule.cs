using Konomi.Hosting;
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
    ILogger<CrawlSchedule> logger) : BackgroundService
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
}

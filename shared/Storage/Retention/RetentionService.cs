using Konomi.Storage.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Storage.Retention;

/// <summary>
/// Prunes the store at start and then every <see cref="RetentionOptions.Interval"/> on the host's clock.
/// Pruning is idempotent, so two replicas doing it at once only repeat work.
/// </summary>
public sealed partial class RetentionService(
    IRetentionStore store, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            try
            {
                var removed = await store.PruneAsync(settings.ToPolicy(), clock.GetUtcNow(), stoppingToken);
                // A prune that found nothing is no news: every start of a young store would print a line of zeros.
                var level = removed.Scores + removed.Snapshots + removed.Clicks + removed.ModelVersions + removed.CrawlFailures > 0
                    ? LogLevel.Information : LogLevel.Debug;
                LogPruned(logger, level, removed.Scores, removed.Snapshots, removed.Clicks, removed.ModelVersions, removed.CrawlFailures);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store may be briefly away; the next tick tries again.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // Each count after its noun, so "snapshots 1" reads right whatever the count and the figures stay numbers for queries.
    [LoggerMessage(EventId = 1, Message = "Retention removed: scores {Scores}, snapshots {Snapshots}, clicks {Clicks}, model versions {ModelVersions}, crawl failures {CrawlFailures}")]
    static partial void LogPruned(ILogger logger, LogLevel level, long scores, long snapshots, long clicks, long modelVersions, long crawlFailures);

    [LoggerMessage(2, LogLevel.Warning, "Retention failed; retrying at the next interval")]
    static partial void LogFailed(ILogger logger, Exception exception);
}

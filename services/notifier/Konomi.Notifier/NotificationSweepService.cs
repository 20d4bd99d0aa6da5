using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Notifier;

/// <summary>Runs the <see cref="NotificationSweep"/> every <see cref="NotifierOptions.SweepInterval"/>.</summary>
public sealed partial class NotificationSweepService(
    NotificationSweep sweep, IOptions<NotifierOptions> options, TimeProvider clock, ILogger<NotificationSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await sweep.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A store outage must not stop future sweeps; nothing is lost, the ledger still holds it all.
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(1, LogLevel.Error, "Notification sweep failed; retrying on the next tick")]
    static partial void LogSweepFailed(ILogger logger, Exception exception);
}

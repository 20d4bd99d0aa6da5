using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Retrains users the plan says are due (checked every second), and on the schedule every user whose labels
/// changed since their latest model; the schedule also runs at start, catching up on what a restart forgot.
/// </summary>
public sealed partial class RetrainLoop(
    RetrainPlan plan,
    LabelChanges changes,
    TasteModelTrainer trainer,
    IOptions<TrainerOptions> options,
    TimeProvider time,
    ILogger<RetrainLoop> logger) : BackgroundService
{
    DateTimeOffset _scheduledAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                foreach (var user in await DueAsync(stoppingToken))
                    await RetrainAsync(user, stoppingToken);
            }
            while (await tick.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a retraining cut short is redone on the next start's schedule.
        }
    }

    async Task<IReadOnlySet<string>> DueAsync(CancellationToken ct)
    {
        var due = plan.TakeDue().ToHashSet();
        if (time.GetUtcNow() - _scheduledAt < options.Value.Interval)
            return due;
        try
        {
            due.UnionWith(await changes.UsersToRetrainAsync(ct));
            _scheduledAt = time.GetUtcNow();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store may be briefly away; the next tick tries the schedule again.
            LogScheduleFailed(logger, e);
        }
        return due;
    }

    async Task RetrainAsync(string userId, CancellationToken ct)
    {
        try
        {
            var card = await trainer.TrainAsync(userId, ct);
            LogRetrained(logger, userId, card.Decision, card.Version, card.Reason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One user's failure must not stop everyone else's retraining; the next feedback or schedule retries.
            LogRetrainFailed(logger, e, userId);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Finding users to retrain on schedule failed")]
    static partial void LogScheduleFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Retrained {UserId}: {Decision} v{Version}, {Reason}")]
    static partial void LogRetrained(ILogger logger, string userId, TrainingDecision decision, int? version, string reason);

    [LoggerMessage(3, LogLevel.Error, "Retraining {UserId} failed")]
    static partial void LogRetrainFailed(ILogger logger, Exception exception, string userId);
}

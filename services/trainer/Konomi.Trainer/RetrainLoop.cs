using Konomi.Labelling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Retrains users the plan says are due (checked every second), and on the schedule every user whose labels
/// changed since their latest model; the schedule also runs at start, catching up on what a restart forgot. Labels that
/// came without a message reach the plan through the <see cref="LabelWatch"/>, which also leaves out, just before
/// training, a user whose labels a training already saw.
/// The workspace is refitted on the same plan, not on a clock of its own: once per tick in which any sharing user is
/// due, however many are, so a burst of clicks across the team costs one fit. A user whose own labels did not change
/// gets no new version from someone else's clicks (the gate would have no fresh labels of theirs to judge it on);
/// they pick up everyone's newer labels at their own next retrain.
/// </summary>
public sealed partial class RetrainLoop(
    RetrainPlan plan,
    LabelWatch watch,
    LabelChanges changes,
    TasteModelTrainer trainer,
    WorkspaceTrainer workspace,
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
            do await RetrainDueAsync(stoppingToken);
            while (await tick.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a retraining cut short is redone on the next start's schedule.
        }
    }

    /// <summary>
    /// One tick: the label watch looks (when its check is due), then whoever is due is trained. Public so that a test
    /// drives the loop tick by tick on a fake clock.
    /// </summary>
    public async Task RetrainDueAsync(CancellationToken ct)
    {
        await watch.LookAsync(ct);
        // A user whose serving model inference cannot use is trained like a scheduled one: whether or not labels changed.
        var unusable = plan.TakeReplacements();
        var due = await watch.ToTrainAsync(plan.TakeDue(), [.. await ScheduledAsync(ct), .. unusable], ct);
        var trained = await RetrainWorkspaceAsync(due, unusable, ct);
        foreach (var user in due.Where(u => !trained.Contains(u)))
            await RetrainAsync(user, unusable.Contains(user), ct);
    }

    async Task<IReadOnlyList<string>> ScheduledAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _scheduledAt < options.Value.Interval)
            return [];
        try
        {
            var users = await changes.UsersToRetrainAsync(ct);
            _scheduledAt = time.GetUtcNow();
            return users;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store may be briefly away; the next tick tries the schedule again.
            LogScheduleFailed(logger, e);
            return [];
        }
    }

    /// <summary>
    /// The due users the workspace training took. On its failure none: each is trained alone, as if nobody shared, so one
    /// user whose model cannot be trained or stored stops nobody else's retraining (before, every due user, sharing or
    /// not, waited for their next click or the schedule, hours away), and the one that fails alone is fed again by the watch.
    /// </summary>
    async Task<IReadOnlySet<string>> RetrainWorkspaceAsync(IReadOnlySet<string> due, IReadOnlySet<string> unusable, CancellationToken ct)
    {
        if (due.Count == 0) return due;
        try
        {
            var cards = await workspace.TrainAsync(due, unusable, ct);
            foreach (var card in cards)
                Log(card, unusable.Contains(card.UserId));
            return cards.Select(c => c.UserId).ToHashSet();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWorkspaceFailed(logger, e, due.Count);
            return new HashSet<string>();
        }
    }

    async Task RetrainAsync(string userId, bool servingUnusable, CancellationToken ct)
    {
        try
        {
            Log(await trainer.TrainAsync(userId, servingUnusable, ct), servingUnusable);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One user's failure must not stop everyone else's retraining; the watch's next look feeds them again.
            LogRetrainFailed(logger, e, userId);
            watch.TrainingFailed(userId);
            if (servingUnusable) plan.ReplacementFailed(userId);
        }
    }

    /// <summary>
    /// A user below the label threshold is not "retrained" and has no version to name; one whose serving model cannot be
    /// used keeps cold start, which is said as such.
    /// </summary>
    void Log(ModelCard card, bool servingUnusable)
    {
        if (card.Decision != TrainingDecision.NotTrained) LogRetrained(logger, card.UserId, card.Decision, card.Version, card.Reason);
        else if (servingUnusable) LogNotReplaced(logger, card.UserId, card.Reason);
        else LogNotTrained(logger, card.UserId, card.Reason);
    }

    [LoggerMessage(1, LogLevel.Error, "Finding users to retrain on schedule failed")]
    static partial void LogScheduleFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Retrained {UserId}: {Decision} v{Version}, {Reason}")]
    static partial void LogRetrained(ILogger logger, string userId, TrainingDecision decision, int? version, string reason);

    [LoggerMessage(3, LogLevel.Error, "Retraining {UserId} failed")]
    static partial void LogRetrainFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(4, LogLevel.Error, "Retraining the workspace for {Due} due users failed; each is trained alone")]
    static partial void LogWorkspaceFailed(ILogger logger, Exception exception, int due);

    [LoggerMessage(5, LogLevel.Information, "No model trained for {UserId} yet: {Reason}")]
    static partial void LogNotTrained(ILogger logger, string userId, string reason);

    [LoggerMessage(6, LogLevel.Warning, "The serving model of {UserId} cannot be used and none replaces it: {Reason}; cold start serves them until a model can be trained")]
    static partial void LogNotReplaced(ILogger logger, string userId, string reason);
}

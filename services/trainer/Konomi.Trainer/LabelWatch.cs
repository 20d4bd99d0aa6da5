using Konomi.Labelling;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Notices labels however they reach the store. A click's <c>FeedbackReceived</c> feeds the <see cref="RetrainPlan"/>, but
/// <c>konomi label</c> and <c>konomi labels import</c> publish none, and a message can be lost on the way: every
/// <see cref="TrainerOptions.LabelCheck"/> the watch tallies each user's labels (one grouped query, no label read) and
/// feeds a user whose tally changed into the plan, so their retraining is debounced as a click's is. Just before training
/// the tallies are read again, and a user whose tally a training already saw is left out: a click noticed both by its
/// message and by the watch trains the user once. What the first look of a process compares with is the user's latest
/// model. Driven by <see cref="RetrainLoop"/>'s tick, one call at a time, so it needs no lock.
/// </summary>
public sealed partial class LabelWatch(
    ILabelStore labels,
    ITasteModelRegistry registry,
    RetrainPlan plan,
    IOptions<TrainerOptions> options,
    TimeProvider time,
    ILogger<LabelWatch> logger)
{
    /// <summary>The tally each user had at the watch's last look: fed once per change, not once per look.</summary>
    readonly Dictionary<string, LabelTally> _seen = [];

    /// <summary>The tally each user's last training in this process saw.</summary>
    readonly Dictionary<string, LabelTally> _trained = [];

    DateTimeOffset _lookedAt = DateTimeOffset.MinValue;

    /// <summary>Looks at the tallies when <see cref="TrainerOptions.LabelCheck"/> has passed since the last look; otherwise nothing.</summary>
    public async Task LookAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _lookedAt < options.Value.LabelCheck)
            return;
        _lookedAt = now;
        try
        {
            foreach (var tally in await labels.TallyAsync(ct))
            {
                if (!await IsNewAsync(tally, ct)) continue;
                plan.Feedback(tally.UserId);
                LogChanged(logger, tally.UserId, tally.Labels, tally.Liked);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store may be away: the next check looks again, and labels that changed meanwhile are still changed then.
            LogLookFailed(logger, e);
        }
    }

    async Task<bool> IsNewAsync(LabelTally tally, CancellationToken ct)
    {
        var first = !_seen.TryGetValue(tally.UserId, out var seen);
        if (seen == tally)
            return false;
        _seen[tally.UserId] = tally;
        if (_trained.GetValueOrDefault(tally.UserId) == tally || !EnoughToTrain(tally))
            return false;
        // Changes before this process started: new if the latest model learned from no label this recent (labels
        // imported dated before it are the schedule's, LabelChanges, which also counts the works behind them).
        if (first && (await registry.ListAsync(tally.UserId, ct)).FirstOrDefault() is { } latest)
            return tally.Newest > (latest.Metrics.TrainedThrough ?? latest.CreatedAt);
        return true;
    }

    /// <summary>Fewer labels than the trainer's rule needs can only be answered "not enough": no use training for them.</summary>
    bool EnoughToTrain(LabelTally tally) =>
        tally.Labels >= options.Value.MinLabels
        && Math.Min(tally.Liked, tally.Labels - tally.Liked) >= NoModelReason.MinEachAnswer;

    /// <summary>
    /// Who to train now of the users the plan made due (<paramref name="fed"/>) and those the schedule found
    /// (<paramref name="scheduled"/>), by a tally read now: a fed user whose tally a training in this process already saw
    /// is left out (one change, one training); a scheduled one stays (the schedule also counts works crawled since). The
    /// tallies of those returned are noted as trained.
    /// </summary>
    public async Task<IReadOnlySet<string>> ToTrainAsync(IReadOnlyCollection<string> fed, IReadOnlyCollection<string> scheduled, CancellationToken ct)
    {
        var due = fed.Concat(scheduled).ToHashSet();
        if (due.Count == 0)
            return due;
        IReadOnlyList<LabelTally> tallies;
        try
        {
            tallies = await labels.TallyAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Who changed cannot be told: all of them are trained, and a training that finds nothing new registers nothing.
            LogTallyFailed(logger, e, due.Count);
            return due;
        }
        foreach (var tally in tallies.Where(t => due.Contains(t.UserId)))
        {
            if (!scheduled.Contains(tally.UserId) && _trained.GetValueOrDefault(tally.UserId) == tally)
                due.Remove(tally.UserId);
            else
                _trained[tally.UserId] = tally;
        }
        return due;
    }

    /// <summary>The user's training failed: the next look feeds them again, as if this process had never seen them.</summary>
    public void TrainingFailed(string userId)
    {
        _trained.Remove(userId);
        _seen.Remove(userId);
    }

    [LoggerMessage(1, LogLevel.Error, "Looking for changed labels failed; the next check looks again")]
    static partial void LogLookFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Labels of {UserId} changed ({Labels} labels, {Liked} liked): retraining is due after the debounce")]
    static partial void LogChanged(ILogger logger, string userId, int labels, int liked);

    [LoggerMessage(3, LogLevel.Warning, "Reading the label tallies before training failed; training all {Due} due users")]
    static partial void LogTallyFailed(ILogger logger, Exception exception, int due);
}

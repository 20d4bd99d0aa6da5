using Konomi.Hosting;
using Konomi.Slack;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Notifier;

/// <summary>
/// Posts ledger entries under a lease: only the notifier holding an entry's lease posts it, and the
/// outcome (sent with Slack's channel and ts, to be retried, or finally failed with Slack's error) is
/// written back, fenced by the lease, so a notifier that lost its lease never overwrites the one that took it.
/// A crash after Slack accepted a post but before it is marked sent is recovered without a second post: every
/// post carries the entries in its Slack metadata, and a later attempt finds it in the channel's history.
/// </summary>
public sealed partial class NotificationSender(
    INotificationStore ledger, INotificationSink sink, SharedTargets targets, IOptions<NotifierOptions> options, TimeProvider clock,
    ILogger<NotificationSender> logger)
{
    readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The entries this notifier now owns; the others are being posted (or were) by someone else.</summary>
    public async Task<IReadOnlyList<Notification>> LeaseAsync(IEnumerable<Notification> entries, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + options.Value.LeaseDuration;
        var leased = new List<Notification>();
        foreach (var entry in entries)
        {
            if (await ledger.TryLeaseAsync(entry.WorkId, entry.Target, _owner, until, ct) is not { } mine)
                continue;
            // Reopened for another user of a shared target since it was read: theirs to post once this lease runs out.
            if (mine.UserId == entry.UserId)
                leased.Add(mine);
            else
                LogReopenedMeanwhile(logger, entry.WorkId, entry.Target, mine.UserId);
        }
        return leased;
    }

    /// <summary>
    /// Posts one message for leased entries (one work, or a digest part) and records the outcome. The lease is
    /// renewed first (entries that waited their turn may have been taken over: then nothing is posted) and
    /// kept renewed while Slack is slow or asks to wait, so no other notifier posts the same entry meanwhile.
    /// An entry tried before (a notifier died after Slack took the post, or its answer was lost) is looked up at
    /// the target first: found, it is recorded as sent with that message; the message is composed, by
    /// <paramref name="compose"/>, of the entries that are not there yet. A digest part's <paramref name="heading"/> is
    /// recorded with its entries first, so a later attempt posts it under the same heading.
    /// Nothing is posted unless at least half a lease is left, counted from before the renewal was sent (see
    /// <see cref="LeaseTerm"/>): a renewal the store answers late (it was away) may hold only a lease that has
    /// run out, and another notifier may already be looking in the channel for a post that is not there yet.
    /// </summary>
    public async Task PostAsync(string target, IReadOnlyList<Notification> leased, Func<IReadOnlyList<Notification>, SlackMessage> compose,
        string? heading = null)
    {
        if (await RenewAsync(leased) is not { } renewed || (heading is not null && !await RecordHeadingAsync(leased, heading)))
        {
            LogLeaseLost(logger, target, leased.Count);
            return;
        }
        var term = new LeaseTerm(renewed);
        if (!LeftToPost(term))
            return;
        var unsent = leased;
        PostedMessage posted;
        using var posting = new CancellationTokenSource();
        var renewing = KeepRenewingAsync(leased, term, posting.Token);
        try
        {
            // Not the caller's token: a post cancelled in flight (a broker restart cancels the consumer) may
            // still reach Slack, and an unrecorded post would be posted again when the lease expires. The
            // Slack client's own timeouts and retry limit bound it.
            if (leased.Any(MayHaveBeenPosted))
            {
                var found = await sink.FindPostedAsync(target, leased, CancellationToken.None);
                foreach (var entry in leased.Where(e => found.ContainsKey(e.WorkId)))
                {
                    LogFoundPosted(logger, entry.WorkId, target, found[entry.WorkId].Ts);
                    await RecordSentAsync([entry], found[entry.WorkId]);
                }
                unsent = [.. leased.Where(e => !found.ContainsKey(e.WorkId))];
                if (unsent.Count == 0 || !LeftToPost(term))
                {
                    await StopAsync(posting, renewing);
                    return;
                }
            }
            posted = await sink.PostAsync(target, compose(unsent), unsent, CancellationToken.None);
        }
        catch (SlackApiException e)
        {
            await StopAsync(posting, renewing);
            // Whether an earlier attempt posted is unknown while the target cannot be read: try again later
            // (bounded by MaxAttempts) rather than risk a second post. A token or a target Slack refuses is no fault of
            // the work: it waits, as in an outage, for someone to mend it (a new token, the bot invited, another channel).
            await FailAsync(unsent, e.Error, e.Transient || e.Method == "conversations.history"
                || SlackErrors.RefusesTheApp(e.Error) || SlackErrors.RefusesTheTarget(e.Error));
            return;
        }
        await StopAsync(posting, renewing);
        await RecordSentAsync(unsent, posted);
    }

    async Task<bool> RecordHeadingAsync(IReadOnlyList<Notification> leased, string heading)
    {
        var all = true;
        foreach (var entry in leased.Where(e => e.Heading != heading))
            all &= await ledger.SetHeadingAsync(entry.WorkId, entry.Target, _owner, heading, CancellationToken.None);
        return all;
    }

    // The ledger counts an attempt per lease: more than this one means an earlier owner got as far as trying.
    static bool MayHaveBeenPosted(Notification leased) => leased.Attempts > 1;

    // Slack has it now: record that even if shutdown cancels the caller, or a restart would post it again.
    async Task RecordSentAsync(IReadOnlyList<Notification> entries, PostedMessage posted)
    {
        var recorded = 0;
        foreach (var entry in entries)
            if (await ledger.MarkSentAsync(entry.WorkId, entry.Target, _owner, posted.Channel, posted.Ts, CancellationToken.None))
                recorded++;
            else
                LogLeaseLost(logger, entry.Target, 1);
        KonomiTelemetry.NotificationsSent.Add(recorded);
    }

    // The lease's end as this notifier set it (stamped before the request was sent), or null if any entry was lost.
    async Task<DateTimeOffset?> RenewAsync(IReadOnlyList<Notification> leased)
    {
        var until = clock.GetUtcNow() + options.Value.LeaseDuration;
        var all = true;
        foreach (var entry in leased)
            all &= await ledger.RenewLeaseAsync(entry.WorkId, entry.Target, _owner, until, CancellationToken.None);
        return all ? until : null;
    }

    // Half a lease for the post itself: the Slack client's timeouts bound it, and renewals go on meanwhile.
    bool LeftToPost(LeaseTerm term)
    {
        var left = term.Until - clock.GetUtcNow();
        if (left >= options.Value.LeaseDuration / 2)
            return true;
        LogLeaseTooShort(logger, term.Until, left);
        return false;
    }

    async Task KeepRenewingAsync(IReadOnlyList<Notification> leased, LeaseTerm term, CancellationToken posting)
    {
        var period = options.Value.LeaseDuration / 3;
        while (!posting.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, posting);
                if (await RenewAsync(leased) is { } renewed)
                    term.Until = renewed;
                else
                    LogLeaseLost(logger, leased[0].Target, leased.Count);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // The store is away: the post goes on, and the next period tries again.
                LogRenewalFailed(logger, e, leased[0].Target);
            }
        }
    }

    /// <summary>Until when this notifier surely holds its lease: the end it last set, renewed in the background while it posts.</summary>
    sealed class LeaseTerm(DateTimeOffset until)
    {
        long _utcTicks = until.UtcTicks;

        public DateTimeOffset Until
        {
            get => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);
            set => Volatile.Write(ref _utcTicks, value.UtcTicks);
        }
    }

    static async Task StopAsync(CancellationTokenSource posting, Task renewing)
    {
        await posting.CancelAsync();
        await renewing;
    }

    /// <summary>
    /// Transient errors stay pending until <see cref="NotifierOptions.MaxAttempts"/>, each next attempt after a wait that
    /// doubles from <see cref="NotifierOptions.RetryDelay"/> (so the attempts span a Slack incident, not a minute of
    /// sweeps); the rest fail for good.
    /// </summary>
    public async Task FailAsync(IEnumerable<Notification> leased, string error, bool transient)
    {
        foreach (var entry in leased)
        {
            // The ledger counts an attempt per lease, so this entry's Attempts includes this one.
            var final = !transient || entry.Attempts >= options.Value.MaxAttempts;
            DateTimeOffset? retryAt = final ? null : clock.GetUtcNow() + RetryWait(entry.Attempts);
            if (!await ledger.MarkFailedAsync(entry.WorkId, entry.Target, _owner, error, retryAt, CancellationToken.None))
            {
                // Someone took the entry over (or it was sent meanwhile): theirs is the outcome that counts.
                LogLeaseLost(logger, entry.Target, 1);
                continue;
            }
            if (final)
            {
                KonomiTelemetry.NotificationsFailed.Add(1);
                LogFailed(logger, entry.WorkId, entry.Target, error, entry.Attempts);
            }
            else
                LogWillRetry(logger, entry.WorkId, entry.Target, error, entry.Attempts, retryAt!.Value);
        }
    }

    // RetryDelay after the first attempt, twice that after the second, …
    TimeSpan RetryWait(int attempts) =>
        TimeSpan.FromTicks(options.Value.RetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20)));

    /// <summary>
    /// Hands leased entries, not yet posted, to the target their user has now (a channel or Slack id changed while they
    /// waited): a new pending entry there, created first so a crash in between loses nothing, then the old one recorded
    /// as <see cref="NotificationRuns.TargetChanged"/>. A work the new target already has is not posted there again, unless
    /// the user it is for there left it unposted (<see cref="SharedTargets.ClaimAsync"/>).
    /// </summary>
    public async Task MoveAsync(IReadOnlyList<Notification> leased, string target, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var entry in leased)
        {
            await targets.ClaimAsync(entry with
            {
                Target = target, Status = NotificationStatus.Pending, Attempts = 0, CreatedAt = now, Error = null,
                Channel = null, MessageTs = null, LeaseOwner = null, LeaseUntil = null, Heading = null,
            }, now, ct);
            if (await ledger.MarkFailedAsync(entry.WorkId, entry.Target, _owner, NotificationRuns.TargetChanged, retryAt: null, CancellationToken.None))
                LogMoved(logger, entry.WorkId, entry.Target, target);
            else
                LogLeaseLost(logger, entry.Target, 1);
        }
    }

    [LoggerMessage(8, LogLevel.Information, "Notification of {WorkId} to {Target} was reopened for {UserId} meanwhile; left to them")]
    static partial void LogReopenedMeanwhile(ILogger logger, string workId, string target, string userId);

    [LoggerMessage(7, LogLevel.Information, "Notification of {WorkId} moves from {From} to {To}: the user's target changed before it was posted")]
    static partial void LogMoved(ILogger logger, string workId, string from, string to);

    [LoggerMessage(1, LogLevel.Warning, "Lost the posting lease of {Count} notification(s) to {Target} to another notifier; leaving them to it")]
    static partial void LogLeaseLost(ILogger logger, string target, int count);

    [LoggerMessage(2, LogLevel.Warning, "Notification of {WorkId} to {Target} was already posted (ts {Ts}) by an attempt that did not record it; recorded, not posted again")]
    static partial void LogFoundPosted(ILogger logger, string workId, string target, string ts);

    [LoggerMessage(3, LogLevel.Warning, "Could not renew the posting lease for {Target}; the post goes on")]
    static partial void LogRenewalFailed(ILogger logger, Exception exception, string target);

    [LoggerMessage(4, LogLevel.Error, "Notification of {WorkId} to {Target} failed for good: {Error} (attempt {Attempts})")]
    static partial void LogFailed(ILogger logger, string workId, string target, string error, int attempts);

    [LoggerMessage(5, LogLevel.Warning, "Notification of {WorkId} to {Target} will be retried at {RetryAt:u}: {Error} (attempt {Attempts})")]
    static partial void LogWillRetry(ILogger logger, string workId, string target, string error, int attempts, DateTimeOffset retryAt);

    [LoggerMessage(6, LogLevel.Warning, "The posting lease runs out at {Until:u} ({Left} left, the store answered late): not posting now; the entry is posted once the lease has run out, after a look in the channel")]
    static partial void LogLeaseTooShort(ILogger logger, DateTimeOffset until, TimeSpan left);
}

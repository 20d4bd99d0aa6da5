using Konomi.Contracts;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Notifier;

/// <summary>
/// Whose a work's entry is at a target several users share (a channel): the one place the takeover rule
/// (<see cref="NotificationRuns.OpenTo"/>) is applied. The entry is the first liker's, posted once, for them; another
/// user who likes the work takes it over only while the first left it unposted and it never reached Slack. That is
/// checked whichever comes second: another user's like arriving (the router), a user's held works moving to the
/// target (the sweep, after a change of channel), or the first user not posting the entry when it falls due, for a
/// reason of their own (the sweep: deactivated, an unusable profile, a changed target, over their maximum, or inside their
/// quiet hours), when it is offered to the others of the target who liked the work, so nothing they liked is lost and the
/// first user's night is not the channel's.
/// </summary>
public sealed partial class SharedTargets(
    INotificationStore ledger, IUserStore users, IScoreStore scores, IOptions<NotifierOptions> options, ILogger<SharedTargets> logger)
{
    /// <summary>
    /// The entry a verdict to post makes for <paramref name="profile"/> now: held until the user's quiet hours end or
    /// the digest is due, or failed when the profile is unusable or the user's run is already at its maximum.
    /// </summary>
    public async Task<Notification> EntryAsync(UserProfile profile, WorkScored verdict, DateTimeOffset now, CancellationToken ct)
    {
        var hold = QuietHours.End(profile, now);
        if (profile.Delivery == DeliveryMode.Digest && (hold is null || hold < now + options.Value.DigestDelay))
            hold = now + options.Value.DigestDelay;
        var entry = new Notification(verdict.WorkId, NotificationTarget.For(profile), profile.UserId, verdict.CrawlRunId,
            NotificationStatus.Pending, 0, now, hold, ExplorationProbability: verdict.ExplorationProbability);
        if (NotificationRuns.Unusable(profile) is not null)
            return entry with { Status = NotificationStatus.Failed, Error = NotificationRuns.UnusableProfile };
        // Instant delivery cannot wait for later, higher scores: the first MaxPerRun liked works of a run are
        // posted and the rest recorded as over the maximum. Digests rank by score when they are sent.
        if (profile.Delivery == DeliveryMode.Instant
            && (await ledger.ListRunAsync(profile.UserId, verdict.CrawlRunId, ct)).Count(n => n.CountsAgainstMax() && n.WorkId != verdict.WorkId) >= profile.MaxPerRun)
            return entry with { Status = NotificationStatus.Failed, Error = NotificationRuns.OverMaxPerRun };
        return entry;
    }

    /// <summary>
    /// Records <paramref name="arrival"/> at its target: a new entry, or another user's there taken over when the rule
    /// opens it to this one. True when the entry there is now the arrival's user's (it may have been before).
    /// </summary>
    public async Task<bool> ClaimAsync(Notification arrival, DateTimeOffset now, CancellationToken ct)
    {
        if (await ledger.TryCreateAsync(arrival, ct))
            return true;
        if (await ledger.FindAsync(arrival.WorkId, arrival.Target, ct) is not { } existing)
            return false;
        return existing.UserId == arrival.UserId || await TakeOverAsync(existing, arrival, now, ct);
    }

    /// <summary>
    /// Offers each of <paramref name="unposted"/>, which its user will not post now (failed for their own reason, or due
    /// inside their quiet hours), to another active user of its target who liked the work in the same crawl run (their
    /// verdict in the score store), as that user's like would have taken it had it come now. Of several, the first by
    /// user id that may have it gets it; the rest never see it twice. A work picked to explore for the other user is not
    /// handed over: the score store keeps the model's verdict only.
    /// </summary>
    public async Task HandOverAsync(IReadOnlyList<Notification> unposted, DateTimeOffset now, CancellationToken ct)
    {
        if (unposted.Count == 0)
            return;
        var everyone = await users.ListAsync(ct);
        foreach (var entry in unposted)
        {
            var others = everyone.Where(p => p is { Active: true } && p.UserId != entry.UserId && NotificationTarget.For(p) == entry.Target)
                .OrderBy(p => p.UserId, StringComparer.Ordinal).ToList();
            if (others.Count == 0 || await ledger.FindAsync(entry.WorkId, entry.Target, ct) is not { UserId: var owner } current || owner != entry.UserId)
                continue;
            foreach (var other in others)
            {
                var verdicts = await scores.FindRunAsync(other.UserId, entry.CrawlRunId, [entry.WorkId], ct);
                if (verdicts.GetValueOrDefault(entry.WorkId) is not { ToPost: true } verdict)
                    continue;
                if (await TakeOverAsync(current, await EntryAsync(other, verdict, now, ct), now, ct))
                    break;
            }
        }
    }

    async Task<bool> TakeOverAsync(Notification existing, Notification arrival, DateTimeOffset now, CancellationToken ct)
    {
        if (!(await AsItsUserHoldsItAsync(existing, now, ct)).OpenTo(arrival, now) || !await ledger.TryReopenAsync(existing, arrival, ct))
            return false;
        LogTakenOver(logger, arrival.WorkId, arrival.Target, arrival.UserId, existing.UserId, existing.Error ?? "held");
        return true;
    }

    // A pending entry is posted when its hold ends, but never inside its user's quiet hours: a digest that falls due
    // just after they begin is held, for the rule, until they end, as a like inside them would have been.
    async Task<Notification> AsItsUserHoldsItAsync(Notification entry, DateTimeOffset now, CancellationToken ct)
    {
        if (entry.Status != NotificationStatus.Pending)
            return entry;
        var due = entry.HoldUntil is { } hold && hold > now ? hold : now;
        return await users.FindAsync(entry.UserId, ct) is { Active: true } owner && QuietHours.End(owner, due) is { } end
            ? entry with { HoldUntil = end }
            : entry;
    }

    [LoggerMessage(1, LogLevel.Information, "{WorkId} to {Target} is posted for {UserId}: {PreviousUserId}, who shares the target, left it unposted ({Reason})")]
    static partial void LogTakenOver(ILogger logger, string workId, string target, string userId, string previousUserId, string reason);
}

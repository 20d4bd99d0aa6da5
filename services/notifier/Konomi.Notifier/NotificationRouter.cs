using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Notifier;

/// <summary>
/// Turns one liked verdict into a ledger entry for the user's target and, for instant delivery outside
/// quiet hours, posts it at once. Digest and quiet-hour entries carry a HoldUntil; the sweep posts them.
/// </summary>
public sealed partial class NotificationRouter(
    INotificationStore ledger, IWorkStore works, NotificationSender sender, IOptions<NotifierOptions> options, TimeProvider clock,
    ILogger<NotificationRouter> logger)
{
    public async Task RouteAsync(UserProfile profile, WorkScored verdict, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var target = NotificationTarget.For(profile);
        if (profile.QuietFrom is not null && QuietHours.Zone(profile) is null)
            LogUnknownTimeZone(logger, profile.UserId, profile.TimeZone);
        var hold = QuietHours.End(profile, now);
        if (profile.Delivery == DeliveryMode.Digest && (hold is null || hold < now + options.Value.DigestDelay))
            hold = now + options.Value.DigestDelay;

        var entry = new Notification(verdict.WorkId, target, profile.UserId, verdict.CrawlRunId, NotificationStatus.Pending, 0, now, hold,
            ExplorationProbability: verdict.ExplorationProbability);
        if (NotificationRuns.Unusable(profile) is { } unusable)
        {
            // This user alone goes without: recorded, logged and counted, never posted to an address the rules refuse.
            LogUnusableProfile(logger, verdict.WorkId, profile.UserId, unusable.Field, unusable.Problem);
            KonomiTelemetry.NotificationsFailed.Add(1);
            entry = entry with { Status = NotificationStatus.Failed, Error = NotificationRuns.UnusableProfile };
        }
        // Instant delivery cannot wait for later, higher scores: the first MaxPerRun liked works of a run are
        // posted and the rest recorded as over the maximum. Digests rank by score when they are sent.
        else if (profile.Delivery == DeliveryMode.Instant
            && (await ledger.ListRunAsync(profile.UserId, verdict.CrawlRunId, ct)).Count(n => n.CountsAgainstMax() && n.WorkId != verdict.WorkId) >= profile.MaxPerRun)
            entry = entry with { Status = NotificationStatus.Failed, Error = NotificationRuns.OverMaxPerRun };

        // A redelivery finds its entry already there and still tries to post it: the first delivery may have
        // died before posting. The lease lets only one of them post.
        if (!await ledger.TryCreateAsync(entry, ct) && !await IsOursAsync(entry, now, ct))
            return;
        if (entry.Status != NotificationStatus.Pending || hold is not null)
            return;
        var leased = await sender.LeaseAsync([entry], ct);
        if (leased.Count == 0)
            return;
        if (await works.FindAsync(verdict.WorkId, ct) is not { } work)
        {
            await sender.FailAsync(leased, "work_not_found", transient: false);
            return;
        }
        await sender.PostAsync(target, leased, _ => WorkMessage.Single(work, verdict));
    }

    // A shared channel is one target: the entry there is the user's who liked the work first, and posted once, for them.
    // Another user who likes it takes it over only when that user left it unposted or waiting (NotificationRuns.OpenTo).
    async Task<bool> IsOursAsync(Notification arrival, DateTimeOffset now, CancellationToken ct)
    {
        if (await ledger.FindAsync(arrival.WorkId, arrival.Target, ct) is not { } existing)
            return false;
        if (existing.UserId == arrival.UserId)
            return true;
        if (!existing.OpenTo(arrival, now) || !await ledger.TryReopenAsync(existing, arrival, ct))
            return false;
        LogReopened(logger, arrival.WorkId, arrival.Target, arrival.UserId, existing.UserId, existing.Error ?? "held");
        return true;
    }

    [LoggerMessage(3, LogLevel.Information, "{WorkId} to {Target} is posted for {UserId}: {PreviousUserId}, who shares the target, left it unposted ({Reason})")]
    static partial void LogReopened(ILogger logger, string workId, string target, string userId, string previousUserId, string reason);

    [LoggerMessage(2, LogLevel.Warning, "{WorkId} liked for {UserId} is not posted: their stored profile's {Field}: {Problem} Fix it with `konomi users add` or their Users entry in configuration")]
    static partial void LogUnusableProfile(ILogger logger, string workId, string userId, string field, string problem);

    [LoggerMessage(1, LogLevel.Warning, "User {UserId}: unknown time zone '{TimeZone}'; quiet hours are read in UTC")]
    static partial void LogUnknownTimeZone(ILogger logger, string userId, string timeZone);
}

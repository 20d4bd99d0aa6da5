using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Konomi.Notifier;

/// <summary>
/// Turns one liked verdict into a ledger entry for the user's target and, for instant delivery outside
/// quiet hours, posts it at once. Digest and quiet-hour entries carry a HoldUntil; the sweep posts them.
/// </summary>
public sealed partial class NotificationRouter(
    IWorkStore works, SharedTargets targets, NotificationSender sender, TimeProvider clock, ILogger<NotificationRouter> logger)
{
    public async Task RouteAsync(UserProfile profile, WorkScored verdict, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (profile.QuietFrom is not null && QuietHours.Zone(profile) is null)
            LogUnknownTimeZone(logger, profile.UserId, profile.TimeZone);
        var entry = await targets.EntryAsync(profile, verdict, now, ct);
        if (NotificationRuns.Unusable(profile) is { } unusable)
        {
            // This user alone goes without: recorded, logged and counted, never posted to an address the rules refuse.
            LogUnusableProfile(logger, verdict.WorkId, profile.UserId, unusable.Field, unusable.Problem);
            KonomiTelemetry.NotificationsFailed.Add(1);
        }

        // A redelivery finds its entry already there and still tries to post it: the first delivery may have
        // died before posting. The lease lets only one of them post. At a shared target the entry may be another
        // user's, which this like takes over only as SharedTargets allows.
        if (!await targets.ClaimAsync(entry, now, ct))
            return;
        if (entry.Status != NotificationStatus.Pending || entry.HoldUntil is not null)
            return;
        var leased = await sender.LeaseAsync([entry], ct);
        if (leased.Count == 0)
            return;
        if (await works.FindAsync(verdict.WorkId, ct) is not { } work)
        {
            await sender.FailAsync(leased, "work_not_found", transient: false);
            return;
        }
        await sender.PostAsync(entry.Target, leased, _ => WorkMessage.Single(work, verdict));
    }

    [LoggerMessage(2, LogLevel.Warning, "{WorkId} liked for {UserId} is not posted: their stored profile's {Field}: {Problem} Fix it with `konomi users add` or their Users entry in configuration")]
    static partial void LogUnusableProfile(ILogger logger, string workId, string userId, string field, string problem);

    [LoggerMessage(1, LogLevel.Warning, "User {UserId}: unknown time zone '{TimeZone}'; quiet hours are read in UTC")]
    static partial void LogUnknownTimeZone(ILogger logger, string userId, string timeZone);
}

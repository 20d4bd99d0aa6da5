using Konomi.Contracts;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Konomi.Notifier;

/// <summary>
/// Posts what the ledger holds and is now due: digests whose crawl run went quiet, works held by quiet
/// hours, transient failures to retry, and entries a crashed notifier left leased (once the lease expires).
/// Entries are grouped per (user, target, crawl run); a group waits until every entry's hold has passed and the
/// user's quiet hours (as the profile says now) are over, and goes to the target the profile names now.
/// </summary>
public sealed partial class NotificationSweep(
    INotificationStore ledger, IUserStore users, IWorkStore works, IScoreStore scores, NotificationSender sender,
    TimeProvider clock, ILogger<NotificationSweep> logger)
{
    const int Batch = 1000;

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pending = await ledger.ListAsync(NotificationStatus.Pending, Batch, ct: ct);
        foreach (var run in pending.GroupBy(n => (n.UserId, n.Target, n.CrawlRunId)))
        {
            if (run.Any(n => n.HoldUntil > now) || !run.Any(n => !(n.LeaseUntil > now)))
                continue;
            var profile = await users.FindAsync(run.Key.UserId, ct);
            // The user's quiet hours as they are now: a digest due just after they begin, a retry of a post that
            // failed before them, or quiet hours set since, all wait until they end.
            if (profile is { Active: true } && QuietHours.End(profile, now) is not null)
                continue;
            var leased = await sender.LeaseAsync(run.Where(n => !(n.LeaseUntil > now)), ct);
            if (leased.Count == 0)
                continue;
            if (profile is not { Active: true })
            {
                await sender.FailAsync(leased, "user_inactive", transient: false);
                continue;
            }
            if (NotificationRuns.Unusable(profile) is not null)
            {
                await sender.FailAsync(leased, NotificationRuns.UnusableProfile, transient: false);
                continue;
            }
            // Never to a channel or DM the user no longer has: the next sweep posts them where the user is now.
            if (NotificationTarget.For(profile) is var target && target != run.Key.Target)
            {
                await sender.MoveAsync(leased, target, ct);
                continue;
            }
            var items = await ResolveAsync(run.Key.UserId, run.Key.CrawlRunId, leased, ct);
            if (profile.Delivery == DeliveryMode.Digest)
                await PostDigestAsync(profile, run.Key.Target, run.Key.CrawlRunId, items, ct);
            else
                foreach (var item in items)
                    await sender.PostAsync(run.Key.Target, [item.Entry], _ => WorkMessage.Single(item.Work, item.Verdict));
        }
    }

    async Task PostDigestAsync(UserProfile profile, string target, Guid crawlRunId, IReadOnlyList<NotifiedWork> items, CancellationToken ct)
    {
        // The highest scores win; the rest are recorded as over the maximum rather than dropped silently.
        var sent = (await ledger.ListRunAsync(profile.UserId, crawlRunId, ct)).Count(n => n.Status == NotificationStatus.Sent);
        var room = Math.Max(0, profile.MaxPerRun - sent);
        var ranked = items.OrderByDescending(i => i.Verdict.Score).ToList();
        await sender.FailAsync(ranked.Skip(room).Select(i => i.Entry), NotificationRuns.OverMaxPerRun, transient: false);
        foreach (var (_, works) in DigestMessage.Split(ranked.Take(room).ToList()))
            // A part of which an earlier attempt already posted some works shows the rest alone.
            await sender.PostAsync(target, [.. works.Select(w => w.Entry)],
                unsent => DigestMessage.Split([.. works.Where(w => unsent.Contains(w.Entry))])[0].Message);
    }

    // The ledger keeps delivery state only; the work and the verdict (score, reasons, model version) come
    // from the work and score stores, where crawler and inference wrote them before announcing them.
    async Task<IReadOnlyList<NotifiedWork>> ResolveAsync(string userId, Guid crawlRunId, IReadOnlyList<Notification> leased, CancellationToken ct)
    {
        var verdicts = await scores.FindRunAsync(userId, crawlRunId, leased.Select(e => e.WorkId), ct);
        var stored = await works.FindManyAsync(leased.Select(e => e.WorkId), ct);
        var items = new List<NotifiedWork>();
        foreach (var entry in leased)
        {
            var work = stored.GetValueOrDefault(entry.WorkId);
            if (work is null || !verdicts.TryGetValue(entry.WorkId, out var verdict))
            {
                LogUnresolved(logger, entry.WorkId, userId);
                await sender.FailAsync([entry], work is null ? "work_not_found" : "score_not_found", transient: false);
                continue;
            }
            // Whether the post explores is the ledger's to say: the score store keeps the model's verdict only.
            items.Add(new NotifiedWork(entry, work, verdict with { ExplorationProbability = entry.ExplorationProbability }));
        }
        return items;
    }

    [LoggerMessage(1, LogLevel.Error, "Cannot compose the notification of {WorkId} for {UserId}: its work or score is not stored")]
    static partial void LogUnresolved(ILogger logger, string workId, string userId);
}

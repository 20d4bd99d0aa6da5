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
    SharedTargets targets, TimeProvider clock, ILogger<NotificationSweep> logger)
{
    const int PageSize = 500;

    /// <summary>
    /// Goes through the pending entries that are due (their hold has ended, or there is none), in the order they fell due,
    /// a page at a time: the run of each entry is looked at once, when its first due entry comes up, so what has waited
    /// longest is posted first and no run waits behind a full page. Entries held until later are not read.
    /// </summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var swept = new HashSet<(string UserId, string Target, Guid CrawlRunId)>();
        Notification? after = null;
        while (true)
        {
            var page = await ledger.ListDueAsync(now, after, PageSize, ct);
            foreach (var entry in page)
                if (swept.Add((entry.UserId, entry.Target, entry.CrawlRunId)))
                    await SweepRunAsync(entry.UserId, entry.Target, entry.CrawlRunId, now, ct);
            if (page.Count < PageSize)
                return;
            after = page[^1];
        }
    }

    // All of the run's pending entries for this target, wherever they fall in the pages, oldest first.
    async Task SweepRunAsync(string userId, string target, Guid crawlRunId, DateTimeOffset now, CancellationToken ct)
    {
        var run = (await ledger.ListRunAsync(userId, crawlRunId, ct))
            .Where(n => n.Target == target && n.Status == NotificationStatus.Pending).ToList();
        if (run.Any(n => n.HoldUntil > now) || !run.Any(n => !(n.LeaseUntil > now)))
            return;
        var profile = await users.FindAsync(userId, ct);
        // The user's quiet hours as they are now: a digest due just after they begin, a retry of a post that
        // failed before them, or quiet hours set since, all wait until they end; at a shared channel another user
        // who liked a work and would post it sooner takes it meanwhile.
        if (profile is { Active: true } && QuietHours.End(profile, now) is not null)
        {
            await targets.HandOverAsync(run, now, ct);
            return;
        }
        var leased = await sender.LeaseAsync(run.Where(n => !(n.LeaseUntil > now)), ct);
        if (leased.Count == 0)
            return;
        // What this user will not post, for a reason of their own, goes to another user of the target who liked it.
        if (profile is not { Active: true })
        {
            await sender.FailAsync(leased, NotificationRuns.UserInactive, transient: false);
            await targets.HandOverAsync(leased, now, ct);
            return;
        }
        if (NotificationRuns.Unusable(profile) is not null)
        {
            await sender.FailAsync(leased, NotificationRuns.UnusableProfile, transient: false);
            await targets.HandOverAsync(leased, now, ct);
            return;
        }
        // Never to a channel or DM the user no longer has: the next sweep posts them where the user is now.
        if (NotificationTarget.For(profile) is var current && current != target)
        {
            await sender.MoveAsync(leased, current, ct);
            await targets.HandOverAsync(leased, now, ct);
            return;
        }
        var items = await ResolveAsync(userId, crawlRunId, leased, ct);
        if (profile.Delivery == DeliveryMode.Digest)
            await PostDigestAsync(profile, target, crawlRunId, items, now, ct);
        else
            foreach (var item in items)
                await sender.PostAsync(target, [item.Entry], _ => WorkMessage.Single(item.Work, item.Verdict));
    }

    async Task PostDigestAsync(UserProfile profile, string target, Guid crawlRunId, IReadOnlyList<NotifiedWork> items, DateTimeOffset now, CancellationToken ct)
    {
        // The highest scores win; the rest are recorded as over the maximum rather than dropped silently.
        var sent = (await ledger.ListRunAsync(profile.UserId, crawlRunId, ct)).Where(n => n.Status == NotificationStatus.Sent).ToList();
        var room = Math.Max(0, profile.MaxPerRun - sent.Count);
        var ranked = Ranked(items);
        List<Notification> over = [.. ranked.Skip(room).Select(i => i.Entry)];
        await sender.FailAsync(over, NotificationRuns.OverMaxPerRun, transient: false);
        await targets.HandOverAsync(over, now, ct);
        var posting = ranked.Take(room).ToList();
        // A part that failed is posted again, by a later sweep, under the heading it was first posted under.
        foreach (var again in posting.Where(w => w.Entry.Heading is not null).GroupBy(w => w.Entry.Heading!))
            await PostPartAsync(target, new DigestPart(again.Key, [.. again]));
        // Works new to the run's messages: its digest, or, once some of the digest is out, a follow-up numbered on its
        // own: renumbering what the reader has seen would give a "(3/2)" or a part 1 they never get.
        List<NotifiedWork> fresh = [.. posting.Where(w => w.Entry.Heading is null)];
        var followUp = fresh.Count < posting.Count || sent.Any(n => n.Target == target);
        foreach (var part in DigestMessage.Split(fresh, followUp))
            await PostPartAsync(target, part);
    }

    // The heading is recorded with the entries before the post, so a part that fails keeps it.
    Task PostPartAsync(string target, DigestPart part) =>
        sender.PostAsync(target, [.. part.Works.Select(w => w.Entry)], unsent => part.Of(part.Works.Where(w => unsent.Contains(w.Entry))), part.Heading);

    // Ties broken by work, so the same works always rank alike.
    static List<NotifiedWork> Ranked(IEnumerable<NotifiedWork> items) =>
        [.. items.OrderByDescending(i => i.Verdict.Score).ThenBy(i => i.Work.Id, StringComparer.Ordinal)];

    async Task<IReadOnlyList<NotifiedWork>> ResolveAsync(string userId, Guid crawlRunId, IReadOnlyList<Notification> leased, CancellationToken ct)
    {
        var (found, missing) = await ReadAsync(userId, crawlRunId, leased, ct);
        foreach (var (entry, error) in missing)
        {
            LogUnresolved(logger, entry.WorkId, userId);
            await sender.FailAsync([entry], error, transient: false);
        }
        return found;
    }

    // The ledger keeps delivery state only; the work and the verdict (score, reasons, model version) come
    // from the work and score stores, where crawler and inference wrote them before announcing them.
    async Task<(List<NotifiedWork> Found, List<(Notification Entry, string Error)> Missing)> ReadAsync(
        string userId, Guid crawlRunId, IReadOnlyList<Notification> entries, CancellationToken ct)
    {
        (List<NotifiedWork> Found, List<(Notification, string)> Missing) read = ([], []);
        if (entries.Count == 0)
            return read;
        var verdicts = await scores.FindRunAsync(userId, crawlRunId, entries.Select(e => e.WorkId), ct);
        var stored = await works.FindManyAsync(entries.Select(e => e.WorkId), ct);
        foreach (var entry in entries)
        {
            if (stored.GetValueOrDefault(entry.WorkId) is not { } work)
                read.Missing.Add((entry, "work_not_found"));
            else if (!verdicts.TryGetValue(entry.WorkId, out var verdict))
                read.Missing.Add((entry, "score_not_found"));
            else
                // Whether the post explores is the ledger's to say: the score store keeps the model's verdict only.
                read.Found.Add(new NotifiedWork(entry, work, verdict with { ExplorationProbability = entry.ExplorationProbability }));
        }
        return read;
    }

    [LoggerMessage(1, LogLevel.Error, "Cannot compose the notification of {WorkId} for {UserId}: its work or score is not stored")]
    static partial void LogUnresolved(ILogger logger, string workId, string userId);
}

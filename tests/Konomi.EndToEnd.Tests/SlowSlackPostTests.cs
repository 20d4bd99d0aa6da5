using System.Diagnostics;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.EndToEnd.Tests;

public class SlowSlackPostTests
{
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_Slack_post_slower_than_its_lease_is_posted_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("slow-slack-post", ct, new Dictionary<string, string?> { ["Notifier__LeaseDuration"] = Lease.ToString() });
        // Slack holds the first post until the test has seen its lease outlive its first expiry.
        var postReleased = new TaskCompletionSource();
        loop.Slack.FailNext("chat.postMessage", SlackFault.HeldUntil(postReleased.Task));
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        var held = await WaitUntilALeaseOutlivesItsFirstExpiryAsync(loop, ct);
        postReleased.SetResult();
        var tally = await loop.FinishAsync("slow-slack-post", works, clock, ct);

        tally.ShouldBeExactlyOnce();
        var entry = await loop.Pipeline.Store<INotificationStore>().FindAsync(held.WorkId, held.Target, ct);
        entry!.Status.ShouldBe(NotificationStatus.Sent);
        // One call per post: the held one was never re-posted by a sweep that found its lease expired.
        loop.Slack.Calls("chat.postMessage").ShouldBe(tally.Posted);
    }

    /// <summary>
    /// A pending entry leased by one owner whose first lease has run out (plus a sweep interval, so a sweep
    /// could have taken it over), still held by that owner with a later expiry: its post outlived its lease.
    /// </summary>
    static async Task<Notification> WaitUntilALeaseOutlivesItsFirstExpiryAsync(Loop loop, CancellationToken ct)
    {
        var firstLease = new Dictionary<(string, string), (string Owner, DateTimeOffset Until)>();
        Notification? outlived = null;
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var n in await loop.Pipeline.Store<INotificationStore>().ListAsync(NotificationStatus.Pending, 100, ct: ct))
            {
                if (n is not { LeaseOwner: { } owner, LeaseUntil: { } until }) continue;
                if (!firstLease.TryGetValue((n.WorkId, n.Target), out var first))
                    firstLease[(n.WorkId, n.Target)] = (owner, until);
                else if (first.Owner == owner && until > first.Until && DateTimeOffset.UtcNow > first.Until + TimeSpan.FromSeconds(2))
                    outlived = n;
            }
            return outlived is not null;
        }, $"a post held past its {Lease.TotalSeconds:0} s lease, its lease renewed", Loop.Patience, () => loop.Pipeline.LogTail(40), ct);
        return outlived!;
    }
}

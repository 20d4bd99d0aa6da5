using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>Two notifier replicas on one ledger, one Slack emulator and one fake clock.</summary>
public sealed class LeaseTests : NotifierScene
{
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_post_slower_than_its_lease_keeps_the_lease_and_no_other_replica_posts_it_again()
    {
        await AddMeAsync();
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await _store.LikedAsync(work, "me", _run);
        var patient = new Dictionary<string, string?> { ["Slack:AttemptTimeout"] = "00:01:00" };
        await using var slow = await NotifierHost.StartAsync(_store, _slack, _clock, patient);
        await using var other = await NotifierHost.StartAsync(_store, _slack, _clock, patient);
        var ledger = _store.Get<INotificationStore>();
        await ledger.TryCreateAsync(new Notification(work.Id, _slack.GeneralChannel, "me", _run, NotificationStatus.Pending, 0, _clock.GetUtcNow()), Ct);
        // Slack holds the post while the test moves the notifiers' clock past the lease three times over.
        var release = new TaskCompletionSource();
        _slack.FailNext("chat.postMessage", SlackFault.HeldUntil(release.Task));

        var posting = slow.SweepAsync();
        await Eventually.HoldsAsync(() => _slack.Calls("chat.postMessage") == 1, "the post under way", Patience);
        var leased = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct))!.LeaseUntil!.Value;
        // Steps of half the renewal period, so a renewal is never more than one step late.
        for (var step = 0; step < 21; step++)
        {
            _clock.Advance(TimeSpan.FromSeconds(20));
            var now = _clock.GetUtcNow();
            await Eventually.HoldsAsync(async () => (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct))!.LeaseUntil >= now + Lease / 2, "the lease renewed", Patience);
            await other.SweepAsync();
        }
        _clock.GetUtcNow().ShouldBeGreaterThan(leased + 2 * Lease);
        release.SetResult();
        await posting;
        // The held answer reaches the notifier on Slack's HTTP response; its record may land just after the sweep returns.
        await Eventually.HoldsAsync(async () => (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct))!.Status != NotificationStatus.Pending, "the post recorded", Patience);

        _slack.Messages.ShouldHaveSingleItem();
        _slack.Calls("chat.postMessage").ShouldBe(1);
        var entry = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct)).ShouldNotBeNull();
        (entry.Status, entry.MessageTs).ShouldBe((NotificationStatus.Sent, _slack.Messages[0].Ts));
    }

    [Fact]
    public async Task A_renewal_the_store_answers_after_the_lease_ran_out_posts_nothing_and_the_next_owner_posts_once()
    {
        await AddMeAsync();
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await _store.LikedAsync(work, "me", _run);
        var ledger = _store.Get<INotificationStore>();
        await ledger.TryCreateAsync(new Notification(work.Id, _slack.GeneralChannel, "me", _run, NotificationStatus.Pending, 0, _clock.GetUtcNow()), Ct);
        var storeBack = new TaskCompletionSource();
        LateRenewalLedger? late = null;
        await using var stalled = await NotifierHost.StartAsync(_store, _slack, _clock,
            ledger: inner => late = new LateRenewalLedger(inner, storeBack.Task));
        await using var other = await NotifierHost.StartAsync(_store, _slack, _clock);

        // The stalled notifier leases the entry, and its renewal before posting waits on the store past the lease's end.
        var stalledSweep = stalled.SweepAsync();
        await Eventually.HoldsAsync(() => late is not null, "the stalled notifier's ledger in use", Patience);
        await late!.Sent.Task.WaitAsync(Patience, Ct);
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        // The next post Slack receives is held, so a post under way is still unseen when the other notifier looks.
        var release = new TaskCompletionSource();
        _slack.FailNext("chat.postMessage", SlackFault.HeldUntil(release.Task));
        storeBack.SetResult();
        await Eventually.HoldsAsync(() => stalledSweep.IsCompleted || _slack.Calls("chat.postMessage") == 1, "the stalled notifier decided", Patience);
        var otherSweep = other.SweepAsync();
        await Eventually.HoldsAsync(() => otherSweep.IsCompleted || (stalledSweep.IsCompleted && _slack.Calls("chat.postMessage") == 1),
            "the other notifier's post under way", Patience);
        release.SetResult();
        await Task.WhenAll(stalledSweep, otherSweep);
        await Eventually.HoldsAsync(async () => (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct))!.Status != NotificationStatus.Pending, "the post recorded", Patience);

        _slack.Calls("chat.postMessage").ShouldBe(1);
        var posted = _slack.Messages.ShouldHaveSingleItem();
        var entry = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct)).ShouldNotBeNull();
        (entry.Status, entry.MessageTs, entry.Attempts).ShouldBe((NotificationStatus.Sent, posted.Ts, 2));
    }
}

using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>Two notifier replicas on one ledger, one Slack emulator and one fake clock.</summary>
public sealed class LeaseTests : IAsyncLifetime
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    readonly TestStore _store = TestStore.Sqlite();
    readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2025-06-01T03:00:00Z"));
    readonly Guid _run = Guid.NewGuid();
    SlackEmulator _slack = null!;

    public async ValueTask InitializeAsync() => _slack = await SlackEmulator.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_post_slower_than_its_lease_keeps_the_lease_and_no_other_replica_posts_it_again()
    {
        await _store.AddUserAsync(new UserProfile("me", Channel: _slack.GeneralChannel));
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await _store.LikedAsync(work, "me", _run);
        var patient = new Dictionary<string, string?> { ["Slack:AttemptTimeout"] = "00:01:00" };
        await using var slow = await NotifierHost.StartAsync(_store, _slack, _clock, patient);
        await using var other = await NotifierHost.StartAsync(_store, _slack, _clock, patient);
        var ledger = _store.Get<INotificationStore>();
        await ledger.TryCreateAsync(new Notification(work.Id, _slack.GeneralChannel, "me", _run, NotificationStatus.Pending, 0, _clock.GetUtcNow()), Ct);
        // Slack answers the post late; meanwhile the test moves the notifiers' clock past the lease three times over.
        _slack.FailNext("chat.postMessage", SlackFault.Slow(TimeSpan.FromSeconds(15)));

        var posting = slow.SweepAsync();
        await WaitAsync(() => _slack.Calls("chat.postMessage") == 1);
        var leased = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct))!.LeaseUntil!.Value;
        for (var minute = 0; minute < 6; minute++)
        {
            var before = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct))!.LeaseUntil;
            _clock.Advance(TimeSpan.FromMinutes(1));
            await WaitAsync(async () => (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct))!.LeaseUntil > before);
            await other.SweepAsync();
        }
        _clock.GetUtcNow().ShouldBeGreaterThan(leased + Lease);
        await posting;

        _slack.Messages.ShouldHaveSingleItem();
        _slack.Calls("chat.postMessage").ShouldBe(1);
        var entry = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct)).ShouldNotBeNull();
        (entry.Status, entry.MessageTs).ShouldBe((NotificationStatus.Sent, _slack.Messages[0].Ts));
    }

    static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600 && !await condition(); i++)
            await Task.Delay(50, Ct);
        (await condition()).ShouldBeTrue();
    }

    static Task WaitAsync(Func<bool> condition) => WaitAsync(() => Task.FromResult(condition()));
}

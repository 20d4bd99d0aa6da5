using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>What the sweep posts later (digests, retries, works held overnight) follows the user as they are when it is posted.</summary>
public sealed class HeldDeliveryTests : NotifierScene
{
    UserProfile Night(DeliveryMode delivery = DeliveryMode.Instant) => new("me", Channel: _slack.GeneralChannel, Delivery: delivery,
        QuietFrom: new TimeOnly(22, 0), QuietTo: new TimeOnly(7, 0), TimeZone: "Asia/Tokyo");

    [Fact]
    public async Task A_digest_due_just_after_quiet_hours_begin_waits_until_they_end()
    {
        await _store.AddUserAsync(Night(DeliveryMode.Digest));
        var works = await _store.AddWorksAsync(_run, 0, 1);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T12:59:00Z")); // 21:59 in Tokyo: due at 22:01

        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "me", _run));

        await ShouldWaitForTheMorningAsync(notifier, DateTimeOffset.Parse("2025-06-01T13:01:30Z")); // 22:01:30
    }

    [Fact]
    public async Task A_post_that_failed_just_before_quiet_hours_is_retried_when_they_end()
    {
        await _store.AddUserAsync(Night());
        var works = await _store.AddWorksAsync(_run, 0, 1);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T12:59:50Z")); // 21:59:50 in Tokyo
        _slack.FailNext("chat.postMessage", SlackFault.ServerError(), times: 2); // the attempt and its client retry

        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "me", _run));

        await ShouldWaitForTheMorningAsync(notifier, DateTimeOffset.Parse("2025-06-01T13:00:05Z")); // 22:00:05: the next sweep
    }

    // A sweep inside quiet hours posts nothing; the first at 07:00 in Tokyo posts the one work.
    async Task ShouldWaitForTheMorningAsync(NotifierHost notifier, DateTimeOffset night)
    {
        _clock.SetUtcNow(night);
        await notifier.SweepAsync();
        _slack.Messages.ShouldBeEmpty();

        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:05Z"));
        await notifier.SweepAsync();
        _slack.Messages.ShouldHaveSingleItem();
        (await _store.LedgerAsync()).ShouldHaveSingleItem().Status.ShouldBe(NotificationStatus.Sent);
    }

    [Fact]
    public async Task A_work_held_overnight_goes_to_the_channel_the_user_has_in_the_morning()
    {
        await _store.AddUserAsync(Night());
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:30:00Z")); // 23:30 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "me", _run), await _store.LikedAsync(works[1], "me", _run));

        var moved = _slack.AddChannel();
        await _store.AddUserAsync(Night() with { Channel = moved });
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:30Z")); // 07:00:30
        await notifier.SweepAsync();
        await notifier.SweepAsync();

        _slack.Messages.Count.ShouldBe(2);
        _slack.Messages.ShouldAllBe(m => m.Channel == moved);
        var ledger = await _store.LedgerAsync();
        ledger.Where(n => n.Target == moved).ShouldAllBe(n => n.Status == NotificationStatus.Sent);
        ledger.Where(n => n.Target == _slack.GeneralChannel)
            .ShouldAllBe(n => n.Status == NotificationStatus.Failed && n.Error == "target_changed");
        ledger.Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_held_direct_message_follows_a_changed_Slack_member_id()
    {
        var before = _slack.AddUser();
        var after = _slack.AddUser();
        await _store.AddUserAsync(Night() with { Channel = null, SlackUserId = before });
        var works = await _store.AddWorksAsync(_run, 0, 1);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:30:00Z")); // 23:30 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "me", _run));

        await _store.AddUserAsync(Night() with { Channel = null, SlackUserId = after });
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:30Z")); // 07:00:30
        await notifier.SweepAsync();
        await notifier.SweepAsync();

        _slack.Messages.ShouldHaveSingleItem().Channel.ShouldBe(_slack.DirectMessageChannel(after));
    }
}

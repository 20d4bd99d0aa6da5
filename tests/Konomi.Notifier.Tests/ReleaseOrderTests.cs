using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>What the sweep releases (works held overnight, due digests, retries) goes out oldest first, however many entries wait.</summary>
public sealed class ReleaseOrderTests : NotifierScene
{
    static readonly DateTimeOffset Morning = DateTimeOffset.Parse("2025-06-01T22:00:30Z"); // 07:00:30 in Tokyo

    static UserProfile Night(string userId, string channel) => new(userId, Channel: channel,
        QuietFrom: new TimeOnly(22, 0), QuietTo: new TimeOnly(7, 0), TimeZone: "Asia/Tokyo");

    static string PostedWork(EmulatedMessage message) => message.Blocks[2]!["block_id"]!.GetValue<string>()[3..];

    [Fact]
    public async Task Works_held_overnight_are_posted_in_the_order_they_were_liked()
    {
        await _store.AddUserAsync(Night("me", _slack.GeneralChannel));
        var works = await _store.AddWorksAsync(_run, 0, 3);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:00:00Z")); // 23:00 in Tokyo
        foreach (var work in new[] { works[2], works[0], works[1] })
        {
            await notifier.DeliverAsync(await _store.LikedAsync(work, "me", _run));
            _clock.Advance(TimeSpan.FromMinutes(10));
        }

        _clock.SetUtcNow(Morning);
        await notifier.SweepAsync();

        _slack.Messages.Select(PostedWork).ShouldBe([works[2].Id, works[0].Id, works[1].Id]);
    }

    [Fact]
    public async Task The_user_who_has_waited_longest_is_posted_first()
    {
        var late = _slack.AddChannel();
        await _store.AddUserAsync(Night("early", _slack.GeneralChannel));
        await _store.AddUserAsync(Night("late", late));
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:00:00Z")); // 23:00 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "early", _run));
        _clock.Advance(TimeSpan.FromMinutes(30));
        await notifier.DeliverAsync(await _store.LikedAsync(works[1], "late", _run));

        _clock.SetUtcNow(Morning);
        await notifier.SweepAsync();

        _slack.Messages.Select(m => (m.Channel, PostedWork(m))).ShouldBe([(_slack.GeneralChannel, works[0].Id), (late, works[1].Id)]);
    }

    [Fact]
    public async Task A_due_post_is_posted_however_many_waiting_entries_are_older_and_newer()
    {
        await _store.AddUserAsync(Night("me", _slack.GeneralChannel));
        var works = await _store.AddWorksAsync(_run, 0, 1);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        var ledger = _store.Get<INotificationStore>();
        var tomorrow = Morning.AddDays(1);
        // More than a page of another user's entries held until tomorrow on each side of the one that is due this morning.
        await WaitingAsync(ledger, 0, 501, _clock.GetUtcNow().AddHours(-1), tomorrow);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:00:00Z")); // 23:00 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "me", _run));
        await WaitingAsync(ledger, 501, 1001, _clock.GetUtcNow().AddMinutes(1), tomorrow);

        _clock.SetUtcNow(Morning);
        await notifier.SweepAsync();

        PostedWork(_slack.Messages.ShouldHaveSingleItem()).ShouldBe(works[0].Id);
        (await ledger.FindAsync(works[0].Id, _slack.GeneralChannel, Ct))!.Status.ShouldBe(NotificationStatus.Sent);
        (await ledger.CountAsync(NotificationStatus.Pending, Ct)).ShouldBe(1502);
    }

    [Fact]
    public async Task A_tick_reads_the_entries_that_are_due_and_none_held_until_later()
    {
        await _store.AddUserAsync(Night("me", _slack.GeneralChannel));
        var works = await _store.AddWorksAsync(_run, 0, 1);
        DueReadCounter? reads = null;
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock, ledger: inner => reads = new DueReadCounter(inner));
        var ledger = _store.Get<INotificationStore>();
        await WaitingAsync(ledger, 0, 1001, _clock.GetUtcNow(), Morning.AddDays(1));
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:00:00Z")); // 23:00 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "me", _run));
        await notifier.SweepAsync();
        reads!.Read.ShouldBe(0);

        _clock.SetUtcNow(Morning);
        await notifier.SweepAsync();

        reads.Read.ShouldBe(1);
        PostedWork(_slack.Messages.ShouldHaveSingleItem()).ShouldBe(works[0].Id);
    }

    static async Task WaitingAsync(INotificationStore ledger, int first, int count, DateTimeOffset createdAt, DateTimeOffset holdUntil)
    {
        var run = Guid.NewGuid();
        for (var i = first; i < first + count; i++)
            await ledger.TryCreateAsync(new Notification($"RJ9{i:D7}", "C0OWL", "owl", run, NotificationStatus.Pending, 0,
                createdAt.AddMilliseconds(i - first), holdUntil), Ct);
    }
}

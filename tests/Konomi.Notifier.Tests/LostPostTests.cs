using Konomi.Emulators.Slack;
using Konomi.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>
/// A notifier that dies after Slack took its post but before the ledger records it: the next owner of the entry
/// finds the post in the channel's history by its metadata and records it instead of posting it again.
/// </summary>
public sealed class LostPostTests : NotifierScene
{
    static readonly Dictionary<string, string?> Patient = new() { ["Slack:AttemptTimeout"] = "00:05:00" };

    [Fact]
    public async Task A_post_Slack_accepted_before_its_notifier_died_is_found_by_the_next_owner_and_not_posted_again()
    {
        await AddMeAsync();
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        var verdict = await _store.LikedAsync(work, "me", _run);
        // The dying notifier's clock stands still, so it never renews its lease again: as if it were gone.
        await using var dying = await NotifierHost.StartAsync(_store, _slack, new FakeTimeProvider(_clock.GetUtcNow()), Patient);
        await using var survivor = await NotifierHost.StartAsync(_store, _slack, _clock);
        var served = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource();
        _slack.FailNext("chat.postMessage", SlackFault.ServedThenHeld(served, answer.Task));

        var consuming = dying.DeliverAsync(verdict);
        await served.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var posted = _slack.Messages.ShouldHaveSingleItem();
        var ledger = _store.Get<INotificationStore>();
        (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct))!.Status.ShouldBe(NotificationStatus.Pending);
        _clock.Advance(TimeSpan.FromMinutes(3));
        await survivor.SweepAsync();

        var entry = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct)).ShouldNotBeNull();
        (entry.Status, entry.Channel, entry.MessageTs, entry.Attempts).ShouldBe((NotificationStatus.Sent, _slack.GeneralChannel, posted.Ts, 2));
        _slack.Calls("chat.postMessage").ShouldBe(1);
        _slack.Calls("conversations.history").ShouldBe(1);

        // The lost answer arrives after all: the dead owner's record is fenced out and nothing moves.
        answer.SetResult();
        await consuming;
        _slack.Messages.ShouldHaveSingleItem();
        (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct)).ShouldBe(entry);
    }

    [Fact]
    public async Task An_entry_whose_earlier_attempt_never_reached_Slack_is_posted_once_and_other_posts_are_not_taken_for_it()
    {
        await AddMeAsync();
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await _store.LikedAsync(works[0], "me", _run);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        var ledger = _store.Get<INotificationStore>();
        var now = _clock.GetUtcNow();
        await ledger.TryCreateAsync(new Notification(works[0].Id, _slack.GeneralChannel, "me", _run, NotificationStatus.Pending, 0, now), Ct);
        (await ledger.TryLeaseAsync(works[0].Id, _slack.GeneralChannel, "crashed", now + TimeSpan.FromMinutes(2), Ct)).ShouldNotBeNull();
        // In the channel meanwhile: a message without metadata, the same work posted for another user, another work for this one.
        var slack = notifier.Get<ISlackApi>();
        await slack.PostMessageAsync(_slack.GeneralChannel, works[0].Title, [BlockKit.Section(works[0].Title)], ct: Ct);
        var other = new Notification(works[0].Id, "C0OTHER", "someone", _run, NotificationStatus.Pending, 1, now);
        await slack.PostMessageAsync(_slack.GeneralChannel, "x", [BlockKit.Section("x")], NotificationMetadata.For([other]), Ct);
        await slack.PostMessageAsync(_slack.GeneralChannel, "y", [BlockKit.Section("y")],
            NotificationMetadata.For([other with { WorkId = works[1].Id, UserId = "me" }]), Ct);

        _clock.Advance(TimeSpan.FromMinutes(3));
        await notifier.SweepAsync();

        _slack.Messages.Count.ShouldBe(4);
        var mine = _slack.Messages[^1];
        mine.Blocks[2]!["block_id"]!.GetValue<string>().ShouldBe("fb:" + works[0].Id);
        NotificationMetadata.WorkIds(SlackMetadata.From(mine.Metadata), "me").ShouldBe([works[0].Id]);
        var entry = (await ledger.FindAsync(works[0].Id, _slack.GeneralChannel, Ct)).ShouldNotBeNull();
        (entry.Status, entry.MessageTs).ShouldBe((NotificationStatus.Sent, mine.Ts));
    }

    [Fact]
    public async Task An_entry_whose_earlier_attempt_cannot_be_checked_is_not_posted_blindly()
    {
        await AddMeAsync();
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        var verdict = await _store.LikedAsync(work, "me", _run);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        // Slack took the post; its answer was a 502, and reading the channel is not allowed.
        _slack.BotScopes.Remove("channels:history");
        _slack.FailNext("chat.postMessage", SlackFault.ServedThenServerError(502));

        await notifier.DeliverAsync(verdict);
        _clock.Advance(TimeSpan.FromMinutes(2));   // Notifier:RetryDelay
        await notifier.SweepAsync();

        var ledger = _store.Get<INotificationStore>();
        var waiting = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct)).ShouldNotBeNull();
        (waiting.Status, waiting.Error).ShouldBe((NotificationStatus.Pending, "missing_scope"));
        _slack.Messages.ShouldHaveSingleItem();
        _slack.Calls("chat.postMessage").ShouldBe(1);

        _slack.BotScopes.Add("channels:history");
        _clock.Advance(TimeSpan.FromMinutes(4));   // twice the first wait
        await notifier.SweepAsync();

        var entry = (await ledger.FindAsync(work.Id, _slack.GeneralChannel, Ct)).ShouldNotBeNull();
        (entry.Status, entry.MessageTs).ShouldBe((NotificationStatus.Sent, _slack.Messages.ShouldHaveSingleItem().Ts));
        _slack.Calls("chat.postMessage").ShouldBe(1);
    }
}

using Konomi.Emulators.Slack;
using Konomi.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>
/// Two people whose posts go to one channel: a work they both like lands there once, for the one it was posted for
/// (their buttons, their metadata, their ledger entry); a work left unposted for one of them is posted for the other.
/// </summary>
public sealed class SharedChannelTests : NotifierScene
{
    UserProfile Ann => new("ann", Channel: _slack.GeneralChannel);
    UserProfile Ben => new("ben", Channel: _slack.GeneralChannel);

    static UserProfile Night(UserProfile profile) =>
        profile with { QuietFrom = new TimeOnly(22, 0), QuietTo = new TimeOnly(7, 0), TimeZone = "Asia/Tokyo" };

    // Whom a post was made for, as Slack shows it: the buttons' value and the message metadata must agree.
    static (string WorkId, string UserId) PostedFor(EmulatedMessage message)
    {
        FeedbackValue.TryParse(message.Blocks[2]!["elements"]![0]!["value"]!.GetValue<string>(), out var buttons).ShouldBeTrue();
        NotificationMetadata.WorkIds(SlackMetadata.From(message.Metadata), buttons!.UserId).ShouldBe([buttons.WorkId]);
        return (buttons.WorkId, buttons.UserId);
    }

    // Whom each post was made for, a digest's works one by one, in the order they were posted.
    IEnumerable<(string Channel, string WorkId, string UserId)> Posts() =>
        from message in _slack.Messages
        from block in message.Blocks
        where block!["type"]!.GetValue<string>() == "actions"
        let value = block!["elements"]![0]!["value"]!.GetValue<string>()
        let buttons = FeedbackValue.TryParse(value, out var parsed) ? parsed! : throw new InvalidOperationException(value)
        where NotificationMetadata.WorkIds(SlackMetadata.From(message.Metadata), buttons.UserId).Contains(buttons.WorkId)
        select (message.Channel, buttons.WorkId, buttons.UserId);

    async Task<Notification> EntryAsync(string workId) =>
        (await _store.Get<INotificationStore>().FindAsync(workId, _slack.GeneralChannel, Ct)).ShouldNotBeNull();

    [Fact]
    public async Task A_work_both_like_is_posted_once_for_the_first_and_a_retry_stays_theirs()
    {
        await _store.AddUserAsync(Ann);
        await _store.AddUserAsync(Ben);
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _slack.FailNext("chat.postMessage", SlackFault.ServerError(), times: 2); // Ann's post and its client retry

        await notifier.DeliverAsync(await _store.LikedAsync(work, "ann", _run));
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ben", _run));
        _slack.Messages.ShouldBeEmpty();
        _clock.Advance(TimeSpan.FromMinutes(2));   // Notifier:RetryDelay
        await notifier.SweepAsync();
        await notifier.SweepAsync();

        PostedFor(_slack.Messages.ShouldHaveSingleItem()).ShouldBe((work.Id, "ann"));
        (await _store.LedgerAsync()).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            n => n.UserId.ShouldBe("ann"), n => n.Status.ShouldBe(NotificationStatus.Sent));
    }

    [Fact]
    public async Task A_work_held_for_one_users_quiet_hours_is_posted_now_for_another_who_likes_it_and_nothing_else_of_theirs()
    {
        await _store.AddUserAsync(Night(Ann));
        await _store.AddUserAsync(Ben);
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:30:00Z")); // 23:30 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ann", _run), await _store.LikedAsync(works[1], "ann", _run));

        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ben", _run));
        await notifier.SweepAsync();

        PostedFor(_slack.Messages.ShouldHaveSingleItem()).ShouldBe((works[0].Id, "ben"));
        (await EntryAsync(works[0].Id)).UserId.ShouldBe("ben");

        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:30Z")); // 07:00:30 in Tokyo
        await notifier.SweepAsync();

        _slack.Messages.Select(PostedFor).ShouldBe([(works[0].Id, "ben"), (works[1].Id, "ann")]);
        (await _store.LedgerAsync()).ShouldAllBe(n => n.Status == NotificationStatus.Sent);
    }

    [Fact]
    public async Task A_work_not_posted_for_a_deactivated_user_is_posted_for_another_who_likes_it_later()
    {
        await _store.AddUserAsync(Ann with { Delivery = DeliveryMode.Digest });
        await _store.AddUserAsync(Ben);
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ann", _run));
        await _store.AddUserAsync(Ann with { Delivery = DeliveryMode.Digest, Active = false });
        _clock.Advance(TimeSpan.FromHours(1));
        await notifier.SweepAsync();
        (await EntryAsync(work.Id)).Error.ShouldBe(NotificationRuns.UserInactive);

        var later = Guid.NewGuid();
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ben", later));

        PostedFor(_slack.Messages.ShouldHaveSingleItem()).ShouldBe((work.Id, "ben"));
        (await EntryAsync(work.Id)).ShouldSatisfyAllConditions(
            n => (n.UserId, n.CrawlRunId, n.Status, n.Attempts).ShouldBe(("ben", later, NotificationStatus.Sent, 1)));
    }

    [Fact]
    public async Task A_work_refused_for_an_unusable_profile_is_posted_for_another_who_likes_it()
    {
        // Stored by an earlier version with a maximum the rules refuse.
        await _store.AddUserAsync(Ann with { MaxPerRun = 0 });
        await _store.AddUserAsync(Ben);
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);

        await notifier.DeliverAsync(await _store.LikedAsync(work, "ann", _run), await _store.LikedAsync(work, "ben", _run));

        PostedFor(_slack.Messages.ShouldHaveSingleItem()).ShouldBe((work.Id, "ben"));
    }

    [Fact]
    public async Task A_work_over_one_users_maximum_is_posted_for_another_and_what_is_in_the_channel_is_not_posted_again()
    {
        await _store.AddUserAsync(Ann with { MaxPerRun = 1 });
        await _store.AddUserAsync(Ben);
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ann", _run), await _store.LikedAsync(works[1], "ann", _run));
        (await EntryAsync(works[1].Id)).Error.ShouldBe(NotificationRuns.OverMaxPerRun);

        await notifier.DeliverAsync(await _store.LikedAsync(works[1], "ben", _run), await _store.LikedAsync(works[0], "ben", _run));
        await notifier.SweepAsync();

        _slack.Messages.Select(PostedFor).ShouldBe([(works[0].Id, "ann"), (works[1].Id, "ben")]);
    }

    [Fact]
    public async Task Of_two_users_who_like_a_work_another_left_unposted_at_once_on_two_notifiers_exactly_one_gets_it()
    {
        await _store.AddUserAsync(Ann with { MaxPerRun = 1 });
        await _store.AddUserAsync(Ben);
        await _store.AddUserAsync(new UserProfile("cy", Channel: _slack.GeneralChannel));
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var first = await NotifierHost.StartAsync(_store, _slack, _clock);
        await using var second = await NotifierHost.StartAsync(_store, _slack, _clock);
        await first.DeliverAsync(await _store.LikedAsync(works[0], "ann", _run), await _store.LikedAsync(works[1], "ann", _run));
        var ben = await _store.LikedAsync(works[1], "ben", _run);
        var cy = await _store.LikedAsync(works[1], "cy", _run);

        await Task.WhenAll(first.DeliverAsync(ben, cy), second.DeliverAsync(cy, ben));
        await Task.WhenAll(first.SweepAsync(), second.SweepAsync());

        _slack.Messages.Count.ShouldBe(2);
        var reopened = PostedFor(_slack.Messages[1]);
        reopened.WorkId.ShouldBe(works[1].Id);
        reopened.UserId.ShouldBeOneOf("ben", "cy");
        (await EntryAsync(works[1].Id)).ShouldSatisfyAllConditions(
            n => n.UserId.ShouldBe(reopened.UserId), n => n.Status.ShouldBe(NotificationStatus.Sent));
    }

    [Fact]
    public async Task A_post_that_failed_after_reaching_Slack_is_not_reopened_for_another_user()
    {
        await _store.AddUserAsync(Ann);
        await _store.AddUserAsync(Ben);
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock, new() { ["Notifier:MaxAttempts"] = "1" });
        // A 500 may come after Slack took the post: whether it is in the channel is unknown.
        _slack.FailNext("chat.postMessage", SlackFault.ServerError(), times: 2);
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ann", _run));
        (await EntryAsync(work.Id)).Error.ShouldBe("http_500");

        await notifier.DeliverAsync(await _store.LikedAsync(work, "ben", _run));
        await notifier.SweepAsync();

        _slack.Calls("chat.postMessage").ShouldBe(2);
        (await EntryAsync(work.Id)).ShouldSatisfyAllConditions(
            n => n.UserId.ShouldBe("ann"), n => n.Status.ShouldBe(NotificationStatus.Failed));
    }

    // Released by the sweep: what the first user's sweep will not post for them goes to the others who liked it, once.

    [Fact]
    public async Task A_work_two_users_hold_in_a_digest_is_posted_once_for_the_first_and_the_second_digest_leaves_it_out()
    {
        await _store.AddUserAsync(Ann with { Delivery = DeliveryMode.Digest });
        await _store.AddUserAsync(Ben with { Delivery = DeliveryMode.Digest });
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ann", _run));
        _clock.Advance(TimeSpan.FromSeconds(30));
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ben", _run), await _store.LikedAsync(works[1], "ben", _run));

        for (var sweep = 0; sweep < 3; sweep++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            await notifier.SweepAsync();
        }

        Posts().ShouldBe([(_slack.GeneralChannel, works[0].Id, "ann"), (_slack.GeneralChannel, works[1].Id, "ben")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_work_held_for_a_user_made_inactive_meanwhile_is_posted_once_for_the_others_who_liked_it()
    {
        await _store.AddUserAsync(Ann with { Delivery = DeliveryMode.Digest });
        await _store.AddUserAsync(Ben with { Delivery = DeliveryMode.Digest });
        await _store.AddUserAsync(new UserProfile("cy", Channel: _slack.GeneralChannel, Delivery: DeliveryMode.Digest));
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ann", _run));
        await notifier.DeliverAsync(await _store.LikedAsync(work, "cy", _run), await _store.LikedAsync(work, "ben", _run));
        await _store.AddUserAsync(Ann with { Delivery = DeliveryMode.Digest, Active = false });

        for (var sweep = 0; sweep < 3; sweep++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            await notifier.SweepAsync();
        }

        Posts().ShouldBe([(_slack.GeneralChannel, work.Id, "ben")]);
        (await EntryAsync(work.Id)).ShouldSatisfyAllConditions(
            n => (n.UserId, n.Status).ShouldBe(("ben", NotificationStatus.Sent)));
    }

    [Fact]
    public async Task A_digest_work_over_one_users_maximum_is_posted_for_another_who_liked_it()
    {
        await _store.AddUserAsync(Ann with { Delivery = DeliveryMode.Digest, MaxPerRun = 1 });
        await _store.AddUserAsync(Ben with { Delivery = DeliveryMode.Digest });
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ann", _run, 0.9), await _store.LikedAsync(works[1], "ann", _run, 0.8));
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ben", _run), await _store.LikedAsync(works[1], "ben", _run));

        for (var sweep = 0; sweep < 3; sweep++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            await notifier.SweepAsync();
        }

        Posts().ShouldBe([(_slack.GeneralChannel, works[0].Id, "ann"), (_slack.GeneralChannel, works[1].Id, "ben")]);
    }

    [Fact]
    public async Task A_digest_that_falls_due_in_one_users_quiet_hours_is_posted_that_night_for_another_who_liked_it_and_the_rest_in_the_morning()
    {
        await _store.AddUserAsync(Night(Ann) with { Delivery = DeliveryMode.Digest });
        await _store.AddUserAsync(Ben with { Delivery = DeliveryMode.Digest });
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T12:50:00Z")); // 21:50 in Tokyo: both digests due at 21:52
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ann", _run), await _store.LikedAsync(works[0], "ben", _run));
        (await EntryAsync(works[0].Id)).UserId.ShouldBe("ann");
        // A later like keeps Ann's digest open until 22:01, inside her quiet hours.
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T12:59:00Z"));
        await notifier.DeliverAsync(await _store.LikedAsync(works[1], "ann", _run));

        foreach (var tick in new[] { "13:01:30", "13:05:00", "13:10:00" })
        {
            _clock.SetUtcNow(DateTimeOffset.Parse($"2025-06-01T{tick}Z"));
            await notifier.SweepAsync();
        }

        Posts().ShouldBe([(_slack.GeneralChannel, works[0].Id, "ben")]);

        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:30Z")); // 07:00:30
        await notifier.SweepAsync();
        await notifier.SweepAsync();

        Posts().ShouldBe([(_slack.GeneralChannel, works[0].Id, "ben"), (_slack.GeneralChannel, works[1].Id, "ann")]);
        (await _store.LedgerAsync()).ShouldAllBe(n => n.Status == NotificationStatus.Sent);
    }

    [Fact]
    public async Task A_like_that_comes_while_another_users_due_digest_waits_for_their_quiet_hours_is_posted_at_once()
    {
        await _store.AddUserAsync(Night(Ann) with { Delivery = DeliveryMode.Digest });
        await _store.AddUserAsync(Ben);
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T12:50:00Z")); // 21:50 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ann", _run));
        // Ann's quiet hours were set since: her digest, due at 21:52, waits for them to end.
        await _store.AddUserAsync(Night(Ann) with { Delivery = DeliveryMode.Digest, QuietFrom = new TimeOnly(21, 51) });
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T13:00:00Z"));
        await notifier.SweepAsync();
        _slack.Messages.ShouldBeEmpty();

        await notifier.DeliverAsync(await _store.LikedAsync(work, "ben", _run));

        PostedFor(_slack.Messages.ShouldHaveSingleItem()).ShouldBe((work.Id, "ben"));
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:30Z")); // 07:00:30
        await notifier.SweepAsync();
        _slack.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_digest_due_in_the_quiet_hours_of_both_users_who_liked_it_is_posted_once_in_the_morning_for_the_first()
    {
        await _store.AddUserAsync(Night(Ann) with { Delivery = DeliveryMode.Digest });
        await _store.AddUserAsync(Night(Ben) with { Delivery = DeliveryMode.Digest });
        var works = await _store.AddWorksAsync(_run, 0, 2);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T12:50:00Z")); // 21:50 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(works[0], "ann", _run), await _store.LikedAsync(works[0], "ben", _run));
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T12:59:00Z"));
        await notifier.DeliverAsync(await _store.LikedAsync(works[1], "ann", _run));

        foreach (var tick in new[] { "13:01:30", "13:05:00", "22:00:30", "22:01:00" })
        {
            _clock.SetUtcNow(DateTimeOffset.Parse($"2025-06-01T{tick}Z"));
            await notifier.SweepAsync();
        }

        Posts().ShouldBe([(_slack.GeneralChannel, works[0].Id, "ann"), (_slack.GeneralChannel, works[1].Id, "ann")], ignoreOrder: true);
        _slack.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_work_held_overnight_for_a_user_who_moved_away_goes_to_their_new_channel_and_stays_in_the_shared_one_for_the_other()
    {
        await _store.AddUserAsync(Night(Ann));
        await _store.AddUserAsync(Night(Ben));
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:30:00Z")); // 23:30 in Tokyo: both held until 07:00
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ann", _run), await _store.LikedAsync(work, "ben", _run));
        var moved = _slack.AddChannel();
        await _store.AddUserAsync(Night(Ann) with { Channel = moved });

        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:30Z")); // 07:00:30
        await notifier.SweepAsync();
        await notifier.SweepAsync();

        Posts().ShouldBe([(moved, work.Id, "ann"), (_slack.GeneralChannel, work.Id, "ben")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_held_work_moved_to_a_channel_whose_other_user_left_it_unposted_is_posted_there_once()
    {
        var own = _slack.AddChannel();
        await _store.AddUserAsync(Night(Ann) with { Channel = own });
        await _store.AddUserAsync(Ben with { Delivery = DeliveryMode.Digest });
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:30:00Z")); // 23:30 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ben", _run), await _store.LikedAsync(work, "ann", _run));
        await _store.AddUserAsync(Ben with { Delivery = DeliveryMode.Digest, Active = false });
        _clock.Advance(TimeSpan.FromMinutes(5));
        await notifier.SweepAsync();
        (await EntryAsync(work.Id)).Error.ShouldBe(NotificationRuns.UserInactive);
        await _store.AddUserAsync(Night(Ann));

        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:30Z")); // 07:00:30
        await notifier.SweepAsync();
        await notifier.SweepAsync();

        Posts().ShouldBe([(_slack.GeneralChannel, work.Id, "ann")]);
    }

    [Fact]
    public async Task A_held_work_moved_to_a_channel_that_already_shows_it_is_not_posted_there_again()
    {
        var own = _slack.AddChannel();
        await _store.AddUserAsync(Night(Ann) with { Channel = own });
        await _store.AddUserAsync(Ben);
        var work = (await _store.AddWorksAsync(_run, 0, 1))[0];
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);
        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T14:30:00Z")); // 23:30 in Tokyo
        await notifier.DeliverAsync(await _store.LikedAsync(work, "ann", _run), await _store.LikedAsync(work, "ben", _run));
        await _store.AddUserAsync(Night(Ann));

        _clock.SetUtcNow(DateTimeOffset.Parse("2025-06-01T22:00:30Z")); // 07:00:30
        await notifier.SweepAsync();
        await notifier.SweepAsync();

        Posts().ShouldBe([(_slack.GeneralChannel, work.Id, "ben")]);
    }
}

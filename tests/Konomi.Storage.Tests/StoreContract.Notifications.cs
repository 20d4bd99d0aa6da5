using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    private static DateTimeOffset Later => DateTimeOffset.UtcNow.AddMinutes(5);

    [Fact]
    public async Task A_notification_is_created_once_per_work_and_target()
    {
        var notifications = Get<INotificationStore>();

        (await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct)).ShouldBeTrue();
        (await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct)).ShouldBeFalse();
        (await notifications.TryCreateAsync(Sample.Notification("RJ01000001", target: "D0456"), Ct)).ShouldBeTrue();

        (await notifications.FindAsync("RJ01000001", "C0123", Ct))!.Status.ShouldBe(NotificationStatus.Pending);
        (await notifications.ListAsync(ct: Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task One_user_s_ledger_lists_their_notifications_however_many_newer_ones_others_have()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001") with { UserId = "alice" }, Ct);
        for (var i = 2; i <= 6; i++)
            await notifications.TryCreateAsync(Sample.Notification($"RJ0100000{i}") with { UserId = "bob", CreatedAt = Sample.Noon.AddMinutes(i) }, Ct);

        (await notifications.ListAsync(null, 3, "alice", Ct)).ShouldHaveSingleItem().WorkId.ShouldBe("RJ01000001");
        (await notifications.ListAsync(null, 3, ct: Ct)).ShouldAllBe(n => n.UserId == "bob");
        (await notifications.ListAsync(NotificationStatus.Sent, 3, "alice", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_exploration_post_keeps_the_probability_it_was_picked_with_through_lease_and_send()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001") with { ExplorationProbability = 0.125 }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000002"), Ct);

        (await notifications.TryLeaseAsync("RJ01000001", "C0123", "me", Later, Ct))!.ExplorationProbability.ShouldBe(0.125);
        (await notifications.MarkSentAsync("RJ01000001", "C0123", "me", "C0123", "1.0", Ct)).ShouldBeTrue();

        (await notifications.FindAsync("RJ01000001", "C0123", Ct))!.ExplorationProbability.ShouldBe(0.125);
        (await notifications.FindAsync("RJ01000002", "C0123", Ct))!.ExplorationProbability.ShouldBeNull();
    }

    [Fact]
    public async Task A_version_keeps_its_recipe_cutoff_calibration_and_gate_figures()
    {
        var registry = Get<ITasteModelRegistry>();
        var cutoff = new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero);
        var metrics = new ModelMetrics(40, 20, 5, 0.8, 0.7, 0.6, 0.65, 0.8, 0.7, 0.4)
        {
            F1Pooled = 0.66, AveragePrecision = 0.71, PrecisionAtK = 0.6, K = 20, PostEverythingF1 = 0.67,
            Calibration = new ScoreCalibration(1.5, -0.25),
            Recipe = new ModelRecipe("ngram", "abc123", "{}"),
            TrainedThrough = cutoff,
            Gate = new GateEvidence("serving v1 (ngram)", 30, 12, 0.7, 0.6, 0.05, -0.02, 0.2),
        };

        var registered = await registry.RegisterAsync(new TasteModelDraft("u-recipe", "ngram", metrics, [1, 2, 3]), Ct);

        var found = (await registry.FindAsync("u-recipe", registered.Version, Ct))!.Metrics;
        found.ShouldBe(metrics);
        found.TrainedThrough!.Value.UtcTicks.ShouldBe(cutoff.UtcTicks);
    }

    [Fact]
    public async Task Of_two_owners_racing_for_the_lease_exactly_one_wins()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);

        var leases = await Task.WhenAll(
            Task.Run(() => notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-a", Later, Ct), Ct),
            Task.Run(() => notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-b", Later, Ct), Ct));

        var winner = leases.Where(l => l is not null).ShouldHaveSingleItem()!;
        winner.Attempts.ShouldBe(1);
        (await notifications.FindAsync("RJ01000001", "C0123", Ct))!.LeaseOwner.ShouldBe(winner.LeaseOwner);
    }

    [Fact]
    public async Task An_expired_lease_can_be_taken_over()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "crashed", DateTimeOffset.UtcNow.AddSeconds(-1), Ct);

        var lease = await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-b", Later, Ct);

        lease.ShouldNotBeNull().LeaseOwner.ShouldBe("replica-b");
        lease.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_sent_notification_is_found_by_its_message_and_never_leased_again()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-a", Later, Ct);

        (await notifications.MarkSentAsync("RJ01000001", "C0123", "replica-a", "C0123", "1730462400.000100", Ct)).ShouldBeTrue();

        var sent = (await notifications.FindByMessageAsync("C0123", "1730462400.000100", Ct)).ShouldNotBeNull();
        (sent.WorkId, sent.Status, sent.LeaseOwner).ShouldBe(("RJ01000001", NotificationStatus.Sent, null));
        (await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-b", Later, Ct)).ShouldBeNull();
        (await notifications.FindByMessageAsync("C0123", "0000000000.000000", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task An_owner_whose_lease_was_taken_over_cannot_mark_the_entry_sent_or_failed()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "slow", DateTimeOffset.UtcNow.AddSeconds(-1), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-b", Later, Ct);

        (await notifications.MarkFailedAsync("RJ01000001", "C0123", "slow", "timeout", retryAt: Later, Ct)).ShouldBeFalse();
        (await notifications.MarkSentAsync("RJ01000001", "C0123", "slow", "C0123", "1730462400.000100", Ct)).ShouldBeFalse();
        (await notifications.RenewLeaseAsync("RJ01000001", "C0123", "slow", Later, Ct)).ShouldBeFalse();

        var entry = (await notifications.FindAsync("RJ01000001", "C0123", Ct)).ShouldNotBeNull();
        (entry.Status, entry.LeaseOwner, entry.MessageTs).ShouldBe((NotificationStatus.Pending, "replica-b", null));
    }

    [Fact]
    public async Task A_late_failure_from_a_loser_never_turns_a_sent_entry_back_to_pending()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "slow", DateTimeOffset.UtcNow.AddSeconds(-1), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-b", Later, Ct);
        (await notifications.MarkSentAsync("RJ01000001", "C0123", "replica-b", "C0123", "1730462400.000200", Ct)).ShouldBeTrue();

        (await notifications.MarkFailedAsync("RJ01000001", "C0123", "slow", "timeout", retryAt: Later, Ct)).ShouldBeFalse();

        var entry = (await notifications.FindAsync("RJ01000001", "C0123", Ct)).ShouldNotBeNull();
        (entry.Status, entry.MessageTs).ShouldBe((NotificationStatus.Sent, "1730462400.000200"));
        (await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-c", Later, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task The_owner_renews_its_lease_so_nobody_takes_it_over_while_it_posts()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "slow", DateTimeOffset.UtcNow.AddSeconds(-1), Ct);

        (await notifications.RenewLeaseAsync("RJ01000001", "C0123", "slow", Later, Ct)).ShouldBeTrue();

        (await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-b", Later, Ct)).ShouldBeNull();
        (await notifications.MarkSentAsync("RJ01000001", "C0123", "slow", "C0123", "1730462400.000100", Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_retryable_failure_can_be_leased_again_and_a_final_one_cannot()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-a", Later, Ct);

        await notifications.MarkFailedAsync("RJ01000001", "C0123", "replica-a", "ratelimited", retryAt: Later, Ct);
        var retry = (await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-a", Later, Ct)).ShouldNotBeNull();
        await notifications.MarkFailedAsync("RJ01000001", "C0123", "replica-a", "channel_not_found", retryAt: null, Ct);

        retry.Error.ShouldBe("ratelimited");
        (await notifications.TryLeaseAsync("RJ01000001", "C0123", "replica-a", Later, Ct)).ShouldBeNull();
        var failed = (await notifications.ListAsync(NotificationStatus.Failed, ct: Ct)).ShouldHaveSingleItem();
        (failed.Error, failed.Attempts).ShouldBe(("channel_not_found", 2));
    }

    [Fact]
    public async Task A_failed_attempt_falls_due_again_at_its_retry_time_and_not_before()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "me", Later, Ct);

        (await notifications.MarkFailedAsync("RJ01000001", "C0123", "me", "http_500", retryAt: Sample.Noon.AddMinutes(2), Ct)).ShouldBeTrue();

        (await notifications.ListDueAsync(Sample.Noon.AddMinutes(1), null, 10, Ct)).ShouldBeEmpty();
        var due = (await notifications.ListDueAsync(Sample.Noon.AddMinutes(2), null, 10, Ct)).ShouldHaveSingleItem();
        (due.Status, due.Error, due.Attempts, due.HoldUntil).ShouldBe((NotificationStatus.Pending, "http_500", 1, Sample.Noon.AddMinutes(2)));
    }

    [Fact]
    public async Task Notifications_list_newest_first_and_round_trip_every_field()
    {
        var notifications = Get<INotificationStore>();
        var held = Sample.Notification("RJ01000002") with { CreatedAt = Sample.Noon.AddHours(1), HoldUntil = Sample.Noon.AddHours(9) };
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryCreateAsync(held, Ct);

        var listed = await notifications.ListAsync(NotificationStatus.Pending, ct: Ct);

        listed.Select(n => n.WorkId).ShouldBe(["RJ01000002", "RJ01000001"]);
        listed[0].ShouldBe(held);
    }

    [Fact]
    public async Task A_run_lists_only_that_users_entries_of_that_run_however_many_others_are_newer()
    {
        var notifications = Get<INotificationStore>();
        var run = Guid.NewGuid();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001") with { CrawlRunId = run }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000002", target: "D0456") with { CrawlRunId = run }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000003") with { CrawlRunId = run, UserId = "u2" }, Ct);
        // Newer entries of other runs: a scan of the newest entries would miss the run's own.
        foreach (var i in Enumerable.Range(4, 5))
            await notifications.TryCreateAsync(Sample.Notification($"RJ0100000{i}") with { CreatedAt = Sample.Noon.AddHours(i) }, Ct);

        var listed = await notifications.ListRunAsync("u1", run, Ct);

        listed.Select(n => (n.WorkId, n.Target)).ShouldBe([("RJ01000001", "C0123"), ("RJ01000002", "D0456")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_users_sent_works_are_listed_once_each_and_nobody_elses()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001", target: "D0456"), Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000002"), Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000003") with { UserId = "u2" }, Ct);
        foreach (var (work, target) in new[] { ("RJ01000001", "C0123"), ("RJ01000001", "D0456"), ("RJ01000003", "C0123") })
        {
            await notifications.TryLeaseAsync(work, target, "me", Later, Ct);
            await notifications.MarkSentAsync(work, target, "me", target, "1.0", Ct);
        }

        (await notifications.ListWorkIdsAsync("u1", NotificationStatus.Sent, Ct)).ShouldBe(["RJ01000001"]);
        (await notifications.ListWorkIdsAsync("u1", NotificationStatus.Pending, Ct)).ShouldBe(["RJ01000002"]);
    }

    [Fact]
    public async Task Entries_are_counted_by_status()
    {
        var notifications = Get<INotificationStore>();
        foreach (var i in Enumerable.Range(1, 4))
            await notifications.TryCreateAsync(Sample.Notification($"RJ0100000{i}"), Ct);
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "me", Later, Ct);
        await notifications.MarkFailedAsync("RJ01000001", "C0123", "me", "channel_not_found", retryAt: null, Ct);

        (await notifications.CountAsync(NotificationStatus.Pending, Ct)).ShouldBe(3);
        (await notifications.CountAsync(NotificationStatus.Failed, Ct)).ShouldBe(1);
        (await notifications.CountAsync(NotificationStatus.Sent, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Due_entries_are_paged_in_the_order_they_fell_due_and_entries_held_until_later_are_not_read()
    {
        var notifications = Get<INotificationStore>();
        var dueBy = Sample.Noon.AddHours(1);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000002", target: "D0456") with { CreatedAt = Sample.Noon.AddMinutes(20) }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000002") with { CreatedAt = Sample.Noon.AddMinutes(20) }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000003") with { CreatedAt = Sample.Noon.AddHours(-1), HoldUntil = Sample.Noon.AddMinutes(30) }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000004") with { HoldUntil = dueBy }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000005") with { CreatedAt = Sample.Noon.AddHours(-2), HoldUntil = Sample.Noon.AddHours(3) }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000006") with { CreatedAt = Sample.Noon.AddHours(2) }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000007") with { CreatedAt = Sample.Noon.AddMinutes(-5) }, Ct);
        await notifications.TryLeaseAsync("RJ01000007", "C0123", "me", Later, Ct);
        await notifications.MarkSentAsync("RJ01000007", "C0123", "me", "C0123", "1.0", Ct);

        var pages = new List<IReadOnlyList<Notification>>();
        Notification? after = null;
        do
        {
            pages.Add(await notifications.ListDueAsync(dueBy, after, 2, Ct));
            after = pages[^1].LastOrDefault();
        } while (after is not null);

        pages.Select(p => p.Count).ShouldBe([2, 2, 1, 0]);
        pages.SelectMany(p => p).Select(n => (n.WorkId, n.Target)).ShouldBe(
            [("RJ01000001", "C0123"), ("RJ01000002", "C0123"), ("RJ01000002", "D0456"), ("RJ01000003", "C0123"), ("RJ01000004", "C0123")]);
        pages[0][0].ShouldBe(Sample.Notification("RJ01000001") with { CrawlRunId = pages[0][0].CrawlRunId });
        (await notifications.ListDueAsync(Sample.Noon.AddHours(3), null, 10, Ct)).Select(n => n.WorkId).ShouldContain("RJ01000005");
    }

    [Fact]
    public async Task An_entry_handed_to_another_user_falls_due_when_its_new_hold_ends()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001") with { Status = NotificationStatus.Failed, Error = "user_inactive" }, Ct);
        var seen = (await notifications.FindAsync("RJ01000001", "C0123", Ct))!;

        await notifications.TryReopenAsync(seen, Sample.Notification("RJ01000001") with
        {
            UserId = "u2", CreatedAt = Sample.Noon.AddHours(1), HoldUntil = Sample.Noon.AddHours(2),
        }, Ct);

        (await notifications.ListDueAsync(Sample.Noon.AddHours(1.5), null, 10, Ct)).ShouldBeEmpty();
        (await notifications.ListDueAsync(Sample.Noon.AddHours(2), null, 10, Ct)).ShouldHaveSingleItem().UserId.ShouldBe("u2");
    }

    [Fact]
    public async Task An_entry_is_reopened_for_another_user_only_while_it_is_as_seen_and_nobody_holds_it()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001") with { Status = NotificationStatus.Failed, Error = "max_per_run" }, Ct);
        var seen = (await notifications.FindAsync("RJ01000001", "C0123", Ct))!;
        var reopened = Sample.Notification("RJ01000001") with
        {
            UserId = "u2", CreatedAt = Sample.Noon.AddHours(1), HoldUntil = Sample.Noon.AddHours(2), ExplorationProbability = 0.25,
        };

        (await notifications.TryReopenAsync(seen, reopened, Ct)).ShouldBeTrue();
        (await notifications.TryReopenAsync(seen, reopened with { UserId = "u3" }, Ct)).ShouldBeFalse();

        (await notifications.FindAsync("RJ01000001", "C0123", Ct)).ShouldBe(reopened);
        var leased = (await notifications.TryLeaseAsync("RJ01000001", "C0123", "me", Later, Ct))!;
        (await notifications.TryReopenAsync(leased, reopened with { UserId = "u3" }, Ct)).ShouldBeFalse();
        await notifications.MarkSentAsync("RJ01000001", "C0123", "me", "C0123", "1.0", Ct);
        var sent = (await notifications.FindAsync("RJ01000001", "C0123", Ct))!;
        (await notifications.TryReopenAsync(sent, reopened with { UserId = "u3" }, Ct)).ShouldBeFalse();
        (await notifications.FindAsync("RJ01000001", "C0123", Ct))!.ShouldBe(sent);
    }

    [Fact]
    public async Task A_digest_heading_is_recorded_only_by_the_lease_owner_and_kept_for_the_retry()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct);
        (await notifications.SetHeadingAsync("RJ01000001", "C0123", "me", "新作 14 件 (1/2)", Ct)).ShouldBeFalse();
        await notifications.TryLeaseAsync("RJ01000001", "C0123", "me", Later, Ct);

        (await notifications.SetHeadingAsync("RJ01000001", "C0123", "other", "新作 1 件", Ct)).ShouldBeFalse();
        (await notifications.SetHeadingAsync("RJ01000001", "C0123", "me", "新作 14 件 (1/2)", Ct)).ShouldBeTrue();
        await notifications.MarkFailedAsync("RJ01000001", "C0123", "me", "http_500", retryAt: Later, Ct);

        var retry = (await notifications.FindAsync("RJ01000001", "C0123", Ct))!;
        retry.Heading.ShouldBe("新作 14 件 (1/2)");
        (await notifications.TryLeaseAsync("RJ01000001", "C0123", "me", Later, Ct))!.Heading.ShouldBe("新作 14 件 (1/2)");
        await notifications.MarkFailedAsync("RJ01000001", "C0123", "me", "user_inactive", retryAt: null, Ct);
        var failed = (await notifications.FindAsync("RJ01000001", "C0123", Ct))!;
        (await notifications.TryReopenAsync(failed, Sample.Notification("RJ01000001") with { UserId = "u2" }, Ct)).ShouldBeTrue();
        (await notifications.FindAsync("RJ01000001", "C0123", Ct))!.Heading.ShouldBeNull();
    }
}

using System.Net;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Feedback.Tests;

/// <summary>A click stored by a process that died before its follow-up is followed up after the restart, once.</summary>
public sealed class FollowUpRecoveryTests : IAsyncLifetime
{
    SlackEmulator _slack = null!;
    readonly TestStore _store = TestStore.Sqlite();

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _slack = await SlackEmulator.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_click_stored_just_before_the_process_died_gets_its_FeedbackReceived_and_redraw_after_restart_exactly_once()
    {
        var work = await ClickStoredByAProcessThatDiesAsync("RJ06000001");
        _slack.Updates.ShouldBeEmpty();

        await using (var restarted = await FeedbackApp.HttpModeAsync(_slack, store: _store))
        {
            await Eventually.HoldsAsync(async () => (await restarted.Labels.ListPendingFollowUpsAsync(Ct)).Count == 0 && restarted.Published.Count >= 1,
                "the pending follow-up done and its FeedbackReceived consumed");
            restarted.Published.ShouldHaveSingleItem().WorkId.ShouldBe(work.WorkId);
            _slack.Updates.ShouldHaveSingleItem().Ts.ShouldBe(work.Ts);
        }

        // Once done it stays done: a later start follows up only its own new click.
        await using var again = await FeedbackApp.HttpModeAsync(_slack, store: _store);
        var next = await again.PostWorkAsync("RJ06000002");
        using (await again.Sender.SendAsync(FeedbackApp.Press(next, interested: false, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct)) { }
        await Eventually.HoldsAsync(() => again.Published.Count >= 1 && _slack.Updates.Count >= 2, "the new click followed up");
        again.Published.Select(p => p.WorkId).ShouldBe([next.WorkId]);
        _slack.Updates.Select(u => u.Ts).ShouldBe([work.Ts, next.Ts]);
    }

    [Fact]
    public async Task A_follow_up_whose_publish_failed_for_good_is_done_in_a_later_round_without_another_click()
    {
        var work = await ClickStoredByAProcessThatDiesAsync("RJ06000007");

        // The publish step looks up the click's crawl run; its two attempts fail, so the first round ends with it pending.
        await using var restarted = await FeedbackApp.HttpModeAsync(_slack, store: _store, failingLedgerFinds: 2, settings: new()
        {
            ["Feedback:Retry:MaxAttempts"] = "2",
            ["Feedback:Retry:MaxDelay"] = "00:00:00.200",
        });

        await Eventually.HoldsAsync(async () => (await restarted.Labels.ListPendingFollowUpsAsync(Ct)).Count == 0 && restarted.Published.Count >= 1,
            "the pending follow-up done in a later round");
        ((UnavailableLedger)(object)restarted.Get<INotificationStore>()).FailingFinds.ShouldBeLessThan(0);
        restarted.Published.ShouldHaveSingleItem().WorkId.ShouldBe(work.WorkId);
        restarted.Published.Single().CrawlRunId.ShouldBe(work.CrawlRunId);
    }

    [Fact]
    public async Task A_change_of_mind_stored_before_either_follow_up_redraws_and_announces_only_the_later_answer()
    {
        var pressed = DateTimeOffset.UtcNow;
        PostedWork work;
        await using (var dying = await FeedbackApp.HttpModeAsync(_slack, store: _store, followUps: false))
        {
            work = await dying.PostWorkAsync("RJ06000008");
            using (await dying.Sender.SendAsync(FeedbackApp.Press(work, interested: true, pressed), DateTimeOffset.UtcNow, Ct)) { }
            using (await dying.Sender.SendAsync(FeedbackApp.Press(work, interested: false, pressed.AddSeconds(2)), DateTimeOffset.UtcNow, Ct)) { }
            (await dying.Labels.ListPendingFollowUpsAsync(Ct)).Count.ShouldBe(2);
        }

        await using var restarted = await FeedbackApp.HttpModeAsync(_slack, store: _store);
        await Eventually.HoldsAsync(async () => (await restarted.Labels.ListPendingFollowUpsAsync(Ct)).Count == 0 && restarted.Published.Count >= 1,
            "both follow-ups done");

        restarted.Published.Select(p => p.Interested).ShouldBe([false]);
        _slack.Updates.ShouldHaveSingleItem();
        FeedbackApp.ButtonShownChosen(_slack.Messages.Single(m => m.Ts == work.Ts).Blocks, work.WorkId).ShouldBe("✓ 別に…");
    }

    /// <summary>A work posted and its 興味あり click stored by a process without follow-ups, which then stops.</summary>
    async Task<PostedWork> ClickStoredByAProcessThatDiesAsync(string workId)
    {
        await using var dying = await FeedbackApp.HttpModeAsync(_slack, store: _store, followUps: false);
        var work = await dying.PostWorkAsync(workId);
        using var response = await dying.Sender.SendAsync(FeedbackApp.Press(work, interested: true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        dying.Published.ShouldBeEmpty();
        return work;
    }

    [Fact]
    public async Task A_redelivered_click_whose_follow_up_is_pending_is_followed_up_once()
    {
        await using var app = await FeedbackApp.HttpModeAsync(_slack, store: _store);
        var work = await app.PostWorkAsync("RJ06000003");
        var press = FeedbackApp.Press(work, interested: true, DateTimeOffset.UtcNow);

        using (await app.Sender.SendAsync(press, DateTimeOffset.UtcNow, Ct)) { }
        using (await app.Sender.SendAsync(press, DateTimeOffset.UtcNow, Ct)) { }

        await Eventually.HoldsAsync(async () => (await app.Labels.ListPendingFollowUpsAsync(Ct)).Count == 0, "follow-up done");
        // A third delivery after it is done must not bring it back.
        using (await app.Sender.SendAsync(press, DateTimeOffset.UtcNow, Ct)) { }
        var sentinel = await app.PostWorkAsync("RJ06000004");
        using (await app.Sender.SendAsync(FeedbackApp.Press(sentinel, interested: true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct)) { }
        await Eventually.HoldsAsync(() => app.Published.Count >= 2 && _slack.Updates.Count >= 2, "the sentinel followed up");
        app.Published.Select(p => p.WorkId).ShouldBe([work.WorkId, sentinel.WorkId]);
        _slack.Updates.Select(u => u.Ts).ShouldBe([work.Ts, sentinel.Ts]);
    }

    [Fact]
    public async Task Follow_ups_the_store_cannot_list_are_done_once_it_answers_after_the_store_wait_pipelines_doubling_waits()
    {
        var clock = new WaitRecordingClock();
        await using var app = await FeedbackApp.HttpModeAsync(_slack, store: _store, time: clock);
        var work = await app.PostWorkAsync("RJ06000005");
        var store = app.Get<UnavailableLabelStore>();
        // Armed once the first round is over: a claim sent before and answered after the click would do it at once.
        await Eventually.HoldsAsync(() => store.ClaimsAnswered > 0, "the worker's first round, at start, over");
        store.FailNextReads(2);

        using (var response = await app.Sender.SendAsync(FeedbackApp.Press(work, interested: true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct))
            response.StatusCode.ShouldBe(HttpStatusCode.OK);

        // Feedback:Retry:BaseDelay (50 ms here) doubling, each wait on the host's clock: nothing moves until it does.
        await Eventually.HoldsAsync(() => clock.Waits.Count == 1, "the first failed read and a wait after it");
        clock.Waits[0].ShouldBe(TimeSpan.FromMilliseconds(50));
        app.Published.ShouldBeEmpty();
        clock.Advance(clock.Waits[0]);
        await Eventually.HoldsAsync(() => clock.Waits.Count == 2, "the second failed read and a longer wait");
        clock.Waits[1].ShouldBe(TimeSpan.FromMilliseconds(100));
        app.Published.ShouldBeEmpty();
        clock.Advance(clock.Waits[1]);

        await Eventually.HoldsAsync(async () => (await app.Labels.ListPendingFollowUpsAsync(Ct)).Count == 0 && app.Published.Count == 1, "the follow-up done");
        app.Published.ShouldHaveSingleItem().WorkId.ShouldBe(work.WorkId);
        _slack.Updates.ShouldHaveSingleItem().Ts.ShouldBe(work.Ts);
        clock.Waits.Count.ShouldBe(2);
    }
}

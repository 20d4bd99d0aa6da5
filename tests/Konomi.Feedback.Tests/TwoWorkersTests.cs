using System.Net;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Feedback.Tests;

/// <summary>
/// Two hosts that take clicks over one label store, as the feedback service and konomi-web (or two feedback
/// replicas) are deployed: each click's follow-up is done by one of them, a follow-up a dead one held is
/// done by the other once its lease has run out, and one a stopped one held at once.
/// </summary>
public sealed class TwoWorkersTests : IAsyncLifetime
{
    const string Someone = "USOMEONE";
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    SlackEmulator _slack = null!;
    readonly TestStore _store = TestStore.Sqlite();
    readonly TaskCompletionSource _redrawReleased = new();

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _slack = await SlackEmulator.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        _redrawReleased.TrySetResult();
        await _slack.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Clicks_stored_for_two_workers_over_one_store_are_redrawn_told_and_announced_once_each()
    {
        var work = await ClicksStoredByAProcessThatDiesAsync("RJ07000001");
        // The first worker gets as far as the redraw, which Slack holds: its follow-ups are under way, not done.
        _slack.FailNext("chat.update", SlackFault.HeldUntil(_redrawReleased.Task));
        await using var first = await StartAsync();
        await Eventually.HoldsAsync(() => _slack.Calls("chat.update") == 1, "the first worker redrawing");

        await using var second = await StartAsync();
        await FollowedUpAsync(second, "RJ07000002", first);
        _redrawReleased.SetResult();
        await FollowedUpAsync(first, "RJ07000003", second);

        _slack.Updates.Count(u => u.Ts == work.Ts).ShouldBe(1);
        _slack.Ephemeral.ShouldHaveSingleItem().User.ShouldBe(Someone);
        first.Published.Concat(second.Published).Where(p => p.WorkId == work.WorkId).Select(p => p.Interested)
            .ShouldBe([true, false], ignoreOrder: true);
        (await _store.Get<ILabelStore>().ListPendingFollowUpsAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_follow_up_a_dead_worker_claimed_is_done_once_by_the_other_when_its_lease_runs_out()
    {
        var clock = new WaitRecordingClock();
        var work = await ClicksStoredByAProcessThatDiesAsync("RJ07000004", someoneElse: false);
        _slack.FailNext("chat.update", SlackFault.HeldUntil(_redrawReleased.Task));
        await using (var dying = await StartAsync(clock))
        {
            await Eventually.HoldsAsync(() => _slack.Calls("chat.update") == 1, "the dying worker redrawing");
            dying.Get<UnavailableLabelStore>().Die();
        }
        // Killed mid-redraw: the follow-up is still its, until the lease runs out.

        await using var other = await StartAsync(clock);
        await Eventually.HoldsAsync(() => clock.Waits.Contains(Lease), "the other worker waiting for the lease to run out");
        other.Published.ShouldBeEmpty();
        _slack.Calls("chat.update").ShouldBe(1);

        clock.Advance(Lease);

        await Eventually.HoldsAsync(async () => (await other.Labels.ListPendingFollowUpsAsync(Ct)).Count == 0 && other.Published.Count >= 1,
            "the follow-up done by the other worker");
        other.Published.ShouldHaveSingleItem().WorkId.ShouldBe(work.WorkId);
        _slack.Updates.ShouldHaveSingleItem().Ts.ShouldBe(work.Ts);
    }

    [Fact]
    public async Task Follow_ups_a_stopped_worker_claimed_are_done_at_once_and_once_by_the_next_one()
    {
        var clock = new WaitRecordingClock();   // never advanced: no lease runs out in this test
        var held = await ClicksStoredByAProcessThatDiesAsync("RJ07000005", someoneElse: false);
        var waiting = await ClicksStoredByAProcessThatDiesAsync("RJ07000006", someoneElse: false);
        _slack.FailNext("chat.update", SlackFault.HeldUntil(_redrawReleased.Task));
        await using (var stopped = await StartAsync(clock))
        {
            // It claimed both and is redrawing the first when it is stopped (a rolling update's SIGTERM).
            await Eventually.HoldsAsync(() => _slack.Calls("chat.update") == 1, "the stopped worker redrawing");
            stopped.Published.ShouldBeEmpty();
        }

        await using var next = await StartAsync(clock);

        await Eventually.HoldsAsync(async () => (await next.Labels.ListPendingFollowUpsAsync(Ct)).Count == 0 && next.Published.Count >= 2,
            "both follow-ups done by the next worker without waiting for a lease");
        next.Published.Select(p => p.WorkId).ShouldBe([held.WorkId, waiting.WorkId], ignoreOrder: true);
        _slack.Updates.Select(u => u.Ts).ShouldBe([held.Ts, waiting.Ts], ignoreOrder: true);
        clock.Waits.ShouldNotContain(Lease);
    }

    Task<FeedbackApp> StartAsync(TimeProvider? clock = null) => FeedbackApp.HttpModeAsync(_slack, store: _store, time: clock,
        settings: new() { ["Feedback:FollowUpLease"] = Lease.ToString() });

    /// <summary>Alice's click on the work (and, unless told otherwise, someone else's) stored by a process without follow-ups.</summary>
    async Task<PostedWork> ClicksStoredByAProcessThatDiesAsync(string workId, bool someoneElse = true)
    {
        await using var dying = await FeedbackApp.HttpModeAsync(_slack, store: _store, followUps: false);
        var work = await dying.PostWorkAsync(workId);
        using (var response = await dying.Sender.SendAsync(FeedbackApp.Press(work, interested: true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct))
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        if (someoneElse)
            using (await dying.Sender.SendAsync(FeedbackApp.Press(work, interested: false, DateTimeOffset.UtcNow, Someone), DateTimeOffset.UtcNow, Ct)) { }
        return work;
    }

    /// <summary>
    /// A click on a new work sent to <paramref name="app"/>, followed up (by either host): a worker does its follow-ups
    /// one round after another, so the rounds the app's worker was in are over too.
    /// </summary>
    static async Task FollowedUpAsync(FeedbackApp app, string workId, FeedbackApp other)
    {
        var work = await app.PostWorkAsync(workId);
        using (await app.Sender.SendAsync(FeedbackApp.Press(work, interested: true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct)) { }
        await Eventually.HoldsAsync(() => app.Published.Concat(other.Published).Any(p => p.WorkId == workId), $"{workId} followed up");
    }
}

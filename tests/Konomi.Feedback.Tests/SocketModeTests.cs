using Konomi.Emulators.Slack;
using Konomi.Slack;

namespace Konomi.Feedback.Tests;

public sealed class SocketModeTests : IAsyncLifetime
{
    SlackEmulator _slack = null!;
    FeedbackApp _app = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackEmulator.StartAsync(Ct);
        _app = await FeedbackApp.SocketModeAsync(_slack);
        await _slack.WaitForSocketConnectionsAsync(1, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_click_is_stored_then_the_message_shows_it_and_FeedbackReceived_is_published()
    {
        var work = await _app.PostWorkAsync("RJ01000001");
        var at = DateTimeOffset.UtcNow;

        var envelope = await _slack.PushInteractionAsync(FeedbackApp.Press(work, interested: true, at), Ct);
        await _slack.WaitForSocketAckAsync(envelope, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Acknowledged only after the store write: the label is there the moment Slack has its ack.
        var label = await _app.Labels.FindAsync("alice", "RJ01000001", Ct);
        label.ShouldNotBeNull();
        label.Interested.ShouldBeTrue();
        label.Source.ShouldBe("slack-socket");

        await Eventually.HoldsAsync(() => _app.Published.Count == 1 && _slack.Updates.Count == 1, "published and redrawn");
        var published = _app.Published.Single();
        (published.WorkId, published.UserId, published.Interested, published.Source, published.CrawlRunId)
            .ShouldBe(("RJ01000001", "alice", true, "slack-socket", (Guid?)work.CrawlRunId));
        published.At.ToUnixTimeMilliseconds().ShouldBe(at.ToUnixTimeMilliseconds());

        var redrawn = _slack.Updates.Single();
        redrawn.Ts.ShouldBe(work.Ts);
        var json = redrawn.Blocks.ToJsonString();
        json.ShouldContain(FeedbackActions.Interested);          // the buttons stay, so the choice can change
        json.ShouldContain(FeedbackActions.NotInterested);
        redrawn.Blocks.Count.ShouldBe(3);
        redrawn.Blocks[2]!["type"]!.GetValue<string>().ShouldBe("context");
        FeedbackApp.ButtonShownChosen(redrawn.Blocks, work.WorkId).ShouldBe("✓ 興味あり!");
        FeedbackApp.ChoiceShown(redrawn.Blocks, work.WorkId).ShouldBe("<@U0ALICE> chose *興味あり!* (press the other button to change it)");
    }

    [Fact]
    public async Task Re_click_overwrites_the_label_and_keeps_both_in_the_history()
    {
        var work = await _app.PostWorkAsync("RJ01000002");
        var first = DateTimeOffset.UtcNow;

        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(work, true, first), Ct), Ct);
        // The second press comes after the first was followed up, as a person's change of mind does; one stored before
        // that is superseded and never published (FollowUpRecoveryTests.A_change_of_mind_stored_before_either_follow_up_…), which a busy machine would
        // otherwise turn into a wait for a second publish that never comes.
        await Eventually.HoldsAsync(() => _app.Published.Count == 1 && _slack.Updates.Count == 1, "the first published and redrawn");
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(work, false, first.AddSeconds(5)), Ct), Ct);

        (await _app.Labels.FindAsync("alice", work.WorkId, Ct))!.Interested.ShouldBeFalse();
        (await _app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Select(c => c.Interested).ShouldBe([true, false]);
        await Eventually.HoldsAsync(() => _app.Published.Count == 2 && _slack.Updates.Count == 2, "both published and redrawn");
        _app.Published.Select(p => p.Interested).ShouldBe([true, false]);

        var shown = _slack.Messages.Single(m => m.Ts == work.Ts).Blocks;
        shown.Count.ShouldBe(3);                                  // one choice line, replaced, not stacked
        FeedbackApp.ChoiceShown(shown, work.WorkId)!.ShouldContain("別に…");
        FeedbackApp.ButtonShownChosen(shown, work.WorkId).ShouldBe("✓ 別に…");
    }

    [Fact]
    public async Task A_full_digest_message_is_redrawn_within_block_kits_fifty_blocks()
    {
        var work = await _app.PostWorkAsync("RJ01000009", otherBlocks: 48);

        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), Ct), Ct);

        await Eventually.HoldsAsync(() => _slack.Updates.Count == 1, "redrawn");
        var shown = _slack.Messages.Single(m => m.Ts == work.Ts).Blocks;
        shown.Count.ShouldBe(50);
        FeedbackApp.ButtonShownChosen(shown, work.WorkId).ShouldBe("✓ 興味あり!");
    }

    [Fact]
    public async Task A_duplicate_delivery_changes_nothing_more()
    {
        var work = await _app.PostWorkAsync("RJ01000003");
        var press = FeedbackApp.Press(work, true, DateTimeOffset.UtcNow);

        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(press, Ct), Ct);
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(press, Ct), Ct);
        // A later, different click: follow-ups run in order, so once it is done a duplicate's would be too.
        var sentinel = await _app.PostWorkAsync("RJ01000004");
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(sentinel, false, DateTimeOffset.UtcNow), Ct), Ct);
        await Eventually.HoldsAsync(() => _app.Published.Any(p => p.WorkId == sentinel.WorkId), "the sentinel published");
        await Eventually.HoldsAsync(() => _slack.Updates.Any(u => u.Ts == sentinel.Ts), "the sentinel redrawn");

        (await _app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Count.ShouldBe(1);
        _app.Published.Count(p => p.WorkId == work.WorkId).ShouldBe(1);
        _slack.Updates.Count(u => u.Ts == work.Ts).ShouldBe(1);
    }

    [Fact]
    public async Task A_dropped_connection_reconnects_and_an_unacknowledged_click_is_redelivered_and_stored_once()
    {
        var work = await _app.PostWorkAsync("RJ01000005");
        _slack.LoseNextSocketAck();
        var envelope = await _slack.PushInteractionAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), Ct);
        await Eventually.HoldsAsync(() => _slack.LostSocketAcks.Contains(envelope), "the click stored and its ack lost");
        (await _app.Labels.FindAsync("alice", work.WorkId, Ct)).ShouldNotBeNull();

        _slack.DropSocket();                                      // the ack never reached Slack

        await _slack.WaitForSocketAckAsync(envelope, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _slack.SocketConnections.ShouldBe(2);
        _slack.SocketTickets.Count.ShouldBe(2);                   // a fresh URL for the new connection
        (await _app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Count.ShouldBe(1);
        await Eventually.HoldsAsync(() => _app.Published.Count == 1, "published");

        var after = await _app.PostWorkAsync("RJ01000006");
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(after, false, DateTimeOffset.UtcNow), Ct), Ct);
        await Eventually.HoldsAsync(() => _app.Published.Count == 2, "the next click published");
        _app.Published.Count(p => p.WorkId == work.WorkId).ShouldBe(1);
    }

    [Fact]
    public async Task A_click_whose_store_write_failed_is_not_acknowledged_and_is_stored_when_redelivered()
    {
        var work = await _app.PostWorkAsync("RJ01000010");
        _app.Get<UnavailableLabelStore>().FailNext(1);

        var envelope = await _slack.PushInteractionAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), Ct);
        await Eventually.HoldsAsync(() => _app.Logs.Lines().Any(l => l.Contains("Could not store click")), "the failed write");
        _slack.SocketAcks.ShouldNotContain(envelope);
        (await _app.Labels.FindAsync("alice", work.WorkId, Ct)).ShouldBeNull();

        _slack.DropSocket();                                      // Slack delivers unacknowledged envelopes again

        await _slack.WaitForSocketAckAsync(envelope, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        (await _app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Count.ShouldBe(1);
        await Eventually.HoldsAsync(() => _app.Published.Count == 1, "published");
    }

    [Fact]
    public async Task A_click_redelivered_after_a_later_one_leaves_the_message_showing_the_later_answer()
    {
        var work = await _app.PostWorkAsync("RJ01000012");
        var pressed = DateTimeOffset.UtcNow;
        _app.Get<UnavailableLabelStore>().FailNext(1);
        var first = await _slack.PushInteractionAsync(FeedbackApp.Press(work, true, pressed), Ct);
        await Eventually.HoldsAsync(() => _app.Logs.Lines().Any(l => l.Contains("Could not store click")), "the first press refused by the store");
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(work, false, pressed.AddSeconds(3)), Ct), Ct);
        await Eventually.HoldsAsync(() => _app.Published.Count == 1 && _slack.Updates.Count == 1, "the change of mind followed up");

        _slack.DropSocket();                                      // the first press comes again, after the second
        await _slack.WaitForSocketAckAsync(first, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var sentinel = await _app.PostWorkAsync("RJ01000013");
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(sentinel, true, pressed.AddMinutes(1)), Ct), Ct);
        await Eventually.HoldsAsync(() => _app.Published.Any(p => p.WorkId == sentinel.WorkId), "the sentinel published");

        (await _app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Count.ShouldBe(2);
        _slack.Updates.Count(u => u.Ts == work.Ts).ShouldBe(1);
        FeedbackApp.ButtonShownChosen(_slack.Messages.Single(m => m.Ts == work.Ts).Blocks, work.WorkId).ShouldBe("✓ 別に…");
        _app.Published.Where(p => p.WorkId == work.WorkId).Select(p => p.Interested).ShouldBe([false]);
    }

    [Fact]
    public async Task A_disconnect_request_is_followed_by_a_new_connection_on_a_fresh_url()
    {
        await _slack.SendSocketDisconnectAsync("warning", Ct);
        await _slack.WaitForSocketConnectionsAsync(2, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _slack.SocketTickets.Count.ShouldBe(2);

        var work = await _app.PostWorkAsync("RJ01000007");
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), Ct), Ct);
        (await _app.Labels.FindAsync("alice", work.WorkId, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Other_envelopes_and_malformed_interactions_are_acknowledged_and_store_nothing()
    {
        var work = await _app.PostWorkAsync("RJ01000008");
        var broken = FeedbackApp.Press(work, true, DateTimeOffset.UtcNow);
        broken["actions"]![0]!["value"] = "not|konomi";
        var events = new System.Text.Json.Nodes.JsonObject { ["type"] = "event_callback" };

        var twice = System.Text.Json.Nodes.JsonNode.Parse("{\"type\":\"block_actions\",\"type\":\"view_submission\"}")!.AsObject();

        await _slack.WaitForSocketAckAsync(await _slack.PushEnvelopeAsync("events_api", events, Ct), Ct);
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(twice, Ct), Ct);
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(broken, Ct), Ct);

        (await _app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Garbage_on_the_socket_is_skipped_without_dropping_the_connection()
    {
        await _slack.SendRawSocketMessageAsync("not json at all", Ct);
        await _slack.SendRawSocketMessageAsync("""{"type":"interactive","type":"interactive","envelope_id":"x"}""", Ct);
        await _slack.SendRawSocketMessageAsync("""{"type":"interactive","payload":{}}""", Ct);

        var work = await _app.PostWorkAsync("RJ01000011");
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), Ct), Ct);

        (await _app.Labels.ListAsync(ct: Ct)).Count.ShouldBe(1);
        _slack.SocketConnections.ShouldBe(1, string.Join("\n", _app.Logs.Lines()));
    }

    [Fact]
    public async Task A_click_on_a_work_the_store_does_not_know_is_stored_and_logged()
    {
        var work = await _app.PostWorkAsync("RJ09999999", storeWork: false);
        await _slack.WaitForSocketAckAsync(await _slack.PushInteractionAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), Ct), Ct);

        (await _app.Labels.FindAsync("alice", "RJ09999999", Ct)).ShouldNotBeNull();
        _app.Logs.Lines().ShouldContain(l => l.Contains("RJ09999999") && l.Contains("does not know"));
    }
}

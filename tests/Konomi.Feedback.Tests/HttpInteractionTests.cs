using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Konomi.Emulators.Slack;

namespace Konomi.Feedback.Tests;

public sealed class HttpInteractionTests : IAsyncLifetime
{
    SlackEmulator _slack = null!;
    FeedbackApp _app = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackEmulator.StartAsync(Ct);
        _app = await FeedbackApp.HttpModeAsync(_slack, maxPayloadBytes: 64 * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_click_is_stored_before_the_200_then_redrawn_and_published()
    {
        var work = await _app.PostWorkAsync("RJ02000001");

        using var response = await _app.Sender.SendAsync(FeedbackApp.Press(work, false, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var label = await _app.Labels.FindAsync("alice", work.WorkId, Ct);
        label.ShouldNotBeNull();
        (label.Interested, label.Source).ShouldBe((false, "slack-http"));
        await Eventually.HoldsAsync(() => _app.Published.Count == 1 && _slack.Updates.Count == 1, "published and redrawn");
        (_app.Published[0].Source, _app.Published[0].CrawlRunId).ShouldBe(("slack-http", (Guid?)work.CrawlRunId));
        FeedbackApp.ChoiceShown(_slack.Updates[0].Blocks, work.WorkId)!.ShouldContain("別に…");
    }

    [Fact]
    public async Task A_redraw_that_keeps_failing_past_the_http_retries_is_retried_by_the_follow_up_and_lands_once()
    {
        var work = await _app.PostWorkAsync("RJ02000011");
        // Four failures use up one follow-up attempt (a call and Slack:Retry:MaxAttempts 4 in all); two more fail the second's first calls.
        _slack.FailNext("chat.update", SlackFault.ServerError(), times: 6);

        using var response = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct);

        await Eventually.HoldsAsync(() => _slack.Updates.Count == 1 && _app.Published.Count == 1, "redrawn and published");
        _slack.Calls("chat.update").ShouldBe(7);
        _slack.Ephemeral.ShouldBeEmpty();                         // it landed: nothing to tell the clicker
    }

    [Fact]
    public async Task A_redraw_slack_refuses_for_good_is_not_retried_and_the_click_is_still_published()
    {
        var work = await _app.PostWorkAsync("RJ02000012");
        _slack.FailNext("chat.update", SlackFault.Refused("message_not_found"), times: 3);

        using var response = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct);

        await Eventually.HoldsAsync(() => _app.Published.Count == 1, "published");
        _slack.Calls("chat.update").ShouldBe(1);
        _slack.Updates.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_redraw_slack_refuses_for_good_tells_the_clicker_their_answer_was_saved()
    {
        var work = await _app.PostWorkAsync("RJ02000015");
        _slack.FailNext("chat.update", SlackFault.Refused("message_not_found"));

        using var response = await _app.Sender.SendAsync(FeedbackApp.Press(work, false, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.HoldsAsync(() => _slack.Ephemeral.Count == 1 && _app.Published.Count == 1, "the clicker told, the click published");
        var notice = _slack.Ephemeral.Single();
        (notice.Channel, notice.User).ShouldBe((work.Channel, FeedbackApp.AliceSlackId));
        notice.Text.ShouldContain("saved your answer *別に…*");
        notice.Text.ShouldContain("message_not_found");
        (await _app.Labels.FindAsync("alice", work.WorkId, Ct))!.Interested.ShouldBeFalse();
    }

    [Fact]
    public async Task A_request_replayed_after_five_minutes_is_refused_and_stores_nothing()
    {
        var work = await _app.PostWorkAsync("RJ02000002");

        using var response = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow.AddMinutes(-5).AddSeconds(-2), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong secret")]
    [InlineData("tampered body")]
    public async Task A_request_without_a_valid_signature_is_refused_and_stores_nothing(string fault)
    {
        var work = await _app.PostWorkAsync("RJ02000003");
        var body = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow).ToJsonString()));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var signature = fault switch
        {
            "missing" => null,
            "wrong secret" => SlackInteractionSender.Sign("not-the-secret", timestamp, body),
            _ => SlackInteractionSender.Sign(FeedbackApp.SigningSecret, timestamp, [.. body.SkipLast(1)]),
        };

        using var response = await _app.Sender.SendAsync(body, timestamp, signature, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("missing", "X-Slack-Signature")]
    [InlineData("wrong secret", "does not match")]
    [InlineData("replayed", "more than 5 minutes")]
    [InlineData("oversized", "at most 65536 bytes")]
    public async Task A_refused_request_says_why_in_its_body_and_a_refused_signature_in_its_log_line_too(string fault, string reason)
    {
        var work = await _app.PostWorkAsync("RJ02000010");
        var body = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow).ToJsonString()));
        var at = fault == "replayed" ? DateTimeOffset.UtcNow.AddMinutes(-6) : DateTimeOffset.UtcNow;
        var timestamp = at.ToUnixTimeSeconds().ToString();
        var signature = fault switch
        {
            "missing" => null,
            "wrong secret" => SlackInteractionSender.Sign("not-the-secret", timestamp, body),
            _ => SlackInteractionSender.Sign(FeedbackApp.SigningSecret, timestamp, body),
        };

        using var response = fault == "oversized"
            ? await _app.Sender.SendRawAsync(new byte[64 * 1024 + 1], at, Ct)
            : await _app.Sender.SendAsync(body, timestamp, signature, Ct);

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        answer["error"]!.GetValue<string>().ShouldContain(reason);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            _app.Logs.Lines().ShouldContain(l => l.Contains($"Refused an interaction (401): {answer["error"]!.GetValue<string>()}"));
        (await _app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_oversized_body_is_refused_from_its_length_alone()
    {
        using var response = await _app.Sender.SendRawAsync(new byte[64 * 1024 + 1], DateTimeOffset.UtcNow, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_oversized_body_without_a_length_is_refused_once_it_passes_the_limit()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions")
        {
            Content = new StreamContent(new UnsizedStream(1024 * 1024)),   // chunked: no Content-Length to go by
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");

        HttpStatusCode? status = null;
        try
        {
            using var response = await _app.Http.SendAsync(request, Ct);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // Kestrel answers 413 and closes the connection; a client still sending the rest may see the close first.
        }

        (status is null or HttpStatusCode.RequestEntityTooLarge).ShouldBeTrue($"answered {status}");
        (await _app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
        var work = await _app.PostWorkAsync("RJ02000009");
        using var next = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct);
        next.IsSuccessStatusCode.ShouldBeTrue("the endpoint goes on answering after refusing the oversized body");
    }

    [Fact]
    public async Task A_click_on_a_work_the_store_does_not_know_is_stored_and_logged()
    {
        var work = await _app.PostWorkAsync("RJ02999999", storeWork: false);

        using var response = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.Labels.FindAsync("alice", "RJ02999999", Ct)).ShouldNotBeNull();
        _app.Logs.Lines().ShouldContain(l => l.Contains("RJ02999999") && l.Contains("does not know"));
    }

    [Fact]
    public async Task A_click_the_store_could_not_take_gets_no_200_and_a_second_press_is_stored()
    {
        var work = await _app.PostWorkAsync("RJ02000005");
        _app.Get<UnavailableLabelStore>().FailNext(1);

        using var refused = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct);
        using var again = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow.AddSeconds(2)), DateTimeOffset.UtcNow, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_click_delivered_after_a_later_one_keeps_the_later_answer_on_the_message_and_is_not_announced()
    {
        var work = await _app.PostWorkAsync("RJ02000013");
        var pressed = DateTimeOffset.UtcNow;
        _app.Get<UnavailableLabelStore>().FailNext(1);
        using var refused = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, pressed), DateTimeOffset.UtcNow, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using var changed = await _app.Sender.SendAsync(FeedbackApp.Press(work, false, pressed.AddSeconds(3)), DateTimeOffset.UtcNow, Ct);
        await Eventually.HoldsAsync(() => _app.Published.Count == 1 && _slack.Updates.Count == 1, "the change of mind followed up");

        // Slack's retry of the first press arrives last.
        using var retried = await _app.Sender.SendAsync(FeedbackApp.Press(work, true, pressed), DateTimeOffset.UtcNow, Ct);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        await FollowUpsDoneAsync();

        (await _app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Count.ShouldBe(2);
        (await _app.Labels.FindAsync("alice", work.WorkId, Ct))!.Interested.ShouldBeFalse();
        _slack.Updates.Count(u => u.Ts == work.Ts).ShouldBe(1);
        FeedbackApp.ButtonShownChosen(_slack.Messages.Single(m => m.Ts == work.Ts).Blocks, work.WorkId).ShouldBe("✓ 別に…");
        _app.Published.Where(p => p.WorkId == work.WorkId).Select(p => p.Interested).ShouldBe([false]);
    }

    /// <summary>A later click on another work, followed up: follow-ups run in click order, so every earlier one is done too.</summary>
    async Task FollowUpsDoneAsync()
    {
        var sentinel = await _app.PostWorkAsync("RJ02000099");
        using var response = await _app.Sender.SendAsync(FeedbackApp.Press(sentinel, true, DateTimeOffset.UtcNow.AddMinutes(1)), DateTimeOffset.UtcNow, Ct);
        await Eventually.HoldsAsync(() => _app.Published.Any(p => p.WorkId == sentinel.WorkId), "the sentinel published");
    }

    [Fact]
    public async Task The_same_click_posted_twice_is_stored_once()
    {
        var work = await _app.PostWorkAsync("RJ02000004");
        var press = FeedbackApp.Press(work, true, DateTimeOffset.UtcNow);

        (await _app.Sender.SendAsync(press, DateTimeOffset.UtcNow, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.Sender.SendAsync(press, DateTimeOffset.UtcNow, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Count.ShouldBe(1);
    }

    /// <summary>A body of <paramref name="size"/> bytes that does not say how long it is.</summary>
    sealed class UnsizedStream(int size) : Stream
    {
        int _left = size;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 4096), _left);
            Array.Fill(buffer, (byte)'a', offset, n);
            _left -= n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using Konomi.Emulators.Slack;

namespace Konomi.Feedback.Tests;

/// <summary>The Socket Mode listener's reconnects, on the fake clock: when it waits is the <c>feedback-socket-mode</c> pipeline's call.</summary>
public sealed class SocketModeReconnectTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Refused_connections_are_retried_after_the_pipelines_waits_on_fake_time_and_a_greeted_one_starts_the_backoff_over()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);
        slack.FailNext("apps.connections.open", SlackFault.Refused("internal_error"), times: 3);
        var clock = new WaitRecordingClock();
        await using var app = await FeedbackApp.StartAsync(slack, new(slack.Settings())
        {
            ["Feedback:Reconnect:BaseDelay"] = "00:00:01",
            ["Feedback:Reconnect:MaxDelay"] = MaxDelay.ToString(),
        }, time: clock);

        for (var refused = 1; refused <= 3; refused++)
        {
            await Eventually.HoldsAsync(() => slack.Calls("apps.connections.open") == refused && clock.Waits.Count == refused, $"refusal {refused} and a wait after it");
            var wait = clock.Waits[^1];
            wait.ShouldBeGreaterThan(TimeSpan.Zero);
            wait.ShouldBeLessThanOrEqualTo(MaxDelay);
            slack.Calls("apps.connections.open").ShouldBe(refused);   // the next try waits for the clock

            clock.Advance(wait);
        }

        await slack.WaitForSocketConnectionsAsync(1, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        slack.Calls("apps.connections.open").ShouldBe(4);
        clock.Waits.Count.ShouldBe(3);

        // A connection Slack greeted and then lost is taken up again at once: no wait, and no backoff carried over.
        await Eventually.HoldsAsync(() => app.Logs.Lines().Any(l => l.Contains("Socket Mode connected")), "Slack's hello");
        slack.DropSocket();
        await slack.WaitForSocketConnectionsAsync(2, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        clock.Waits.Count.ShouldBe(3);

        // Nothing is lost across the refusals and the drop: a click on the new connection is stored.
        var work = await app.PostWorkAsync("RJ01000021");
        await slack.WaitForSocketAckAsync(await slack.PushInteractionAsync(FeedbackApp.Press(work, true, DateTimeOffset.UtcNow), Ct), Ct)
            .WaitAsync(TimeSpan.FromSeconds(10), Ct);
        (await app.Labels.FindAsync("alice", work.WorkId, Ct)).ShouldNotBeNull();
    }
}

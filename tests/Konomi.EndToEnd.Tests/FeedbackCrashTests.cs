using System.Diagnostics;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.EndToEnd.Tests;

public class FeedbackCrashTests
{
    [Fact]
    public async Task Feedback_killed_right_after_acknowledging_the_clicks_still_labels_announces_and_redraws_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("feedback-kill", ct);
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);
        await loop.WaitUntilPostedAsync(works, ct);

        // Slack holds every redraw: the follow-ups (redraw first, then FeedbackReceived) cannot get past their first step.
        var redrawsReleased = new TaskCompletionSource();
        loop.Slack.FailNext("chat.update", SlackFault.HeldUntil(redrawsReleased.Task), times: loop.Slack.Messages.Count);
        var acksBefore = loop.Slack.SocketAcks.Count;
        var pressed = await loop.Clicks.PressAllAsync(works, ct);
        await Eventually.HoldsAsync(async () => loop.Slack.SocketAcks.Count >= acksBefore + pressed && await StoredAsync(loop, ct) == pressed
            && loop.Slack.Calls("chat.update") > 0, "every click stored and acknowledged, a redraw asked for", Loop.Patience, () => loop.Pipeline.LogTail(40), ct);
        loop.Pipeline.Crash("feedback");
        var (redrawnAtKill, announcedAtKill) = (loop.Slack.Updates.Count, loop.Pipeline.Witness.FeedbackTotal);
        redrawsReleased.SetResult();
        await loop.Pipeline.StartServiceAsync("feedback", ct);

        pressed.ShouldBeGreaterThan(0, "nothing was posted to click");
        redrawnAtKill.ShouldBe(0, "a redraw was done before the kill");
        announcedAtKill.ShouldBe(0, "a FeedbackReceived left before the kill");
        var tally = await loop.SettleAsync("feedback-kill", works, clock, ct);
        tally.ShouldBeExactlyOnce();
        (tally.Labels, tally.Feedback, tally.Redraws).ShouldBe((pressed, pressed, pressed));
    }

    static async Task<int> StoredAsync(Loop loop, CancellationToken ct)
    {
        var stored = 0;
        foreach (var click in loop.Clicks.Sent)
            stored += (await loop.Pipeline.Store<ILabelStore>().HistoryAsync(click.UserId, click.WorkId, ct)).Count(c => c.Source != "import");
        return stored;
    }
}

using System.Diagnostics;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;

namespace Konomi.EndToEnd.Tests;

public class NotifierCrashTests
{
    [Fact]
    public async Task Notifier_killed_right_after_Slack_accepted_a_post_and_restarted_posts_every_liked_work_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("notifier-kill", ct);
        // Slack takes the first post into the channel, then holds its answer: the notifier is killed in that window.
        var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        loop.Slack.FailNext("chat.postMessage", SlackFault.ServedThenHeld(accepted, never.Task));
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        await accepted.Task.WaitAsync(Loop.Patience, ct);
        loop.Pipeline.Crash("notifier");
        var ledger = loop.Pipeline.Store<INotificationStore>();
        var recorded = (await ledger.ListAsync(null, 1000, ct: ct)).Select(n => n.MessageTs).ToHashSet();
        // Posts to the other user may have been in the same window: each is an orphan the restart must find.
        var orphans = loop.Slack.Messages.Where(m => !recorded.Contains(m.Ts)).Select(m => m.Ts).ToList();
        orphans.ShouldNotBeEmpty($"the kill came after Slack accepted a post and before the ledger recorded it ({loop.Slack.Messages.Count} posts, {recorded.Count} ledger entries)");
        await loop.Pipeline.StartServiceAsync("notifier", ct);

        var tally = await loop.FinishAsync("notifier-kill", works, clock, ct);
        tally.ShouldBeExactlyOnce();
        // The restarted notifier took each orphan post for its entry instead of posting the work again.
        var sent = (await ledger.ListAsync(NotificationStatus.Sent, 1000, ct: ct)).Select(n => n.MessageTs).ToHashSet();
        orphans.ShouldAllBe(ts => sent.Contains(ts));
    }
}

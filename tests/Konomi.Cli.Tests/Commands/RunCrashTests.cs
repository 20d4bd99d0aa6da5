using Konomi.Emulators.DLsite;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>
/// <c>konomi run</c> killed with SIGKILL while it posts a crawl's liked works to Slack (the Slack emulator), then started
/// again on the same data directory: what Slack took before the kill is found, the rest is posted, each work once.
/// </summary>
public sealed class RunCrashTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_killed_while_Slack_holds_the_answer_to_a_post_posts_every_liked_work_exactly_once_after_its_restart()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        await using var slack = await SlackEmulator.StartAsync(Ct);
        await using var store = TestStore.Sqlite();
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        var environment = dlsite.Settings().Concat(slack.Settings()).ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["Crawler__ScheduleEnabled"] = "true";
        // Every emulated work is ASMR: a liked genre makes each one liked by cold start, so each is to be posted.
        environment["Users__0__UserId"] = "me";
        environment["Users__0__Channel"] = slack.GeneralChannel;
        environment["Users__0__Preferences__LikedGenres__0"] = "ASMR";
        // The code's own schedule, made short: the lease the killed run held runs out in 3 s, the sweep looks each second.
        environment["Notifier__LeaseDuration"] = "00:00:03";
        environment["Notifier__SweepInterval"] = "00:00:01";
        var crawled = dlsite.AddWorks(6);
        // Slack takes the first post into the channel, then holds its answer: the run is killed in that window.
        var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        slack.FailNext("chat.postMessage", SlackFault.ServedThenHeld(accepted, never.Task));

        await using (var killed = ServiceProcess.StartKonomi(["run", "--data-dir", dataDir], environment))
        {
            await accepted.Task.WaitAsync(TimeSpan.FromSeconds(90), Ct);
            killed.Crash();
            await killed.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct);
        }
        var ledger = store.Get<INotificationStore>();
        var recorded = (await ledger.ListAsync(null, 1000, ct: Ct)).Select(n => n.MessageTs).OfType<string>().ToHashSet();
        var orphans = slack.Messages.Where(m => !recorded.Contains(m.Ts)).Select(m => m.Ts).ToList();
        orphans.ShouldNotBeEmpty(
            $"the kill came after Slack took a post and before the ledger recorded it ({slack.Messages.Count} posts, {recorded.Count} recorded)");

        await using var next = ServiceProcess.StartKonomi(["run", "--data-dir", dataDir], environment);
        await next.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
        await Eventually.NothingMissingAsync(async () =>
        {
            foreach (var work in crawled)
                if (await ledger.FindAsync(work.Id, slack.GeneralChannel, Ct) is not { Status: NotificationStatus.Sent })
                    return $"{work.Id} posted";
            return null;
        }, Eventually.DefaultWithin, () => next.Output, Ct);

        var posts = slack.Messages.Where(m => m.Channel == slack.GeneralChannel).ToList();
        foreach (var work in crawled)
            posts.Count(m => m.Blocks.ToJsonString().Contains(work.Id)).ShouldBe(1, $"{work.Id} in Slack once\n{next.Output}");
        posts.Count.ShouldBe(crawled.Count, next.Output);
        // The restarted run took the post Slack had taken for its entry instead of posting the work again.
        var sent = (await ledger.ListAsync(NotificationStatus.Sent, 1000, ct: Ct)).Select(n => n.MessageTs).ToHashSet();
        orphans.ShouldAllBe(ts => sent.Contains(ts));
        (await next.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, next.Output);
    }
}

using System.Net;
using Konomi.Contracts;
using Konomi.Emulators.DLsite;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>
/// The store of a running <c>konomi run</c> fills up: konomi.db reaches its cap (<c>Storage:MaxSizeMb</c>), filled
/// from outside (<see cref="FullDisk"/>), so its writes fail with SQLITE_FULL as on a full disk, until the space is freed.
/// </summary>
public sealed class RunStoreFullTests
{
    const string Secret = "run-signing-secret";
    const int MaxSizeMb = 2;
    /// <summary>Where Konomi posts for a profile with a Slack user id: a direct message.</summary>
    const string Target = "dm:U0ME";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_store_that_fills_mid_run_is_told_in_one_line_refuses_clicks_and_once_space_is_freed_stores_scores_and_posts_everything_once()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me", SlackUserId: "U0ME"), Ct);
        var clicked = Sample.Work("RJ01000001");
        // Imported, not crawled: nothing announces it, so the posts below are the crawled works' alone.
        await store.Get<IWorkStore>().ImportAsync([clicked], Ct);
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        var environment = CrawlEachSecond(dlsite);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        environment["Feedback__Mode"] = "http";
        environment["Slack__SigningSecret"] = Secret;
        var started = DateTimeOffset.UtcNow;

        await using var konomi = ServiceProcess.StartKonomi(["run", "--data-dir", dataDir], environment);
        await konomi.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
        await using var disk = await FullDisk.FillAsync(Path.Combine(dataDir, "konomi.db"), MaxSizeMb, "works", "clicks");

        var crawled = dlsite.AddWorks(6);
        await Eventually.HoldsAsync(async () => await Task.FromResult(konomi.Output.Contains(
                $"The store cannot be written: the disk holding {dataDir} is full, or konomi.db reached Storage:MaxSizeMb ({MaxSizeMb} MB)")),
            "konomi to say the store is full", Eventually.DefaultWithin, () => konomi.Output, Ct);
        using var http = new HttpClient { BaseAddress = konomi.BaseAddress };
        var slack = new SlackInteractionSender(http, Secret);
        var press = SlackInteraction.ButtonPress("U0ME", "feedback.interested", $"{clicked.Id}|me|ngram|1", "fb:" + clicked.Id,
            "D0ME", "1700000000.000100", [], DateTimeOffset.UtcNow);
        using (var refused = await slack.SendAsync(press, DateTimeOffset.UtcNow, Ct))
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, konomi.Output);
        var labels = store.Get<ILabelStore>();
        (await labels.HistoryAsync("me", clicked.Id, Ct)).ShouldBeEmpty();
        var works = store.Get<IWorkStore>();
        (await works.FindKnownAsync(crawled.Select(w => w.Id), Ct)).ShouldBeEmpty();

        await disk.FreeAsync();

        // Slack sends the refused press again: now it is stored and answered.
        using (var retried = await slack.SendAsync(press, DateTimeOffset.UtcNow, Ct))
            retried.StatusCode.ShouldBe(HttpStatusCode.OK, konomi.Output);
        (await labels.HistoryAsync("me", clicked.Id, Ct)).Count.ShouldBe(1);
        await EveryWorkStoredScoredAndPostedAsync(store, crawled, started, konomi);

        await PostedOnceAsync(konomi, [.. crawled.Select(w => w.Title)]);
        var output = konomi.Output;
        output.ShouldContain("Crawl cycle stopped, the store being away; the next one, in 00:00:01, resumes");
        output.ShouldNotContain("   at ");
        (await konomi.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, konomi.Output);
    }

    [Fact]
    public async Task A_store_full_at_start_is_told_once_in_one_line_and_once_space_is_freed_every_work_is_stored_scored_and_posted_once()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        await using var store = TestStore.Sqlite();
        // The store of an earlier run, with no user yet.
        (await store.Get<IUserStore>().ListAsync(Ct)).ShouldBeEmpty();
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        var environment = CrawlEachSecond(dlsite);
        // A profile in the settings: the start itself must write it.
        environment["Users__0__UserId"] = "me";
        environment["Users__0__SlackUserId"] = "U0ME";
        var crawled = dlsite.AddWorks(4);
        var started = DateTimeOffset.UtcNow;
        var disk = await FullDisk.FillAsync(Path.Combine(dataDir, "konomi.db"), MaxSizeMb, "users", "works", "scores", "notifications");

        await using var konomi = ServiceProcess.StartKonomi(["run", "--data-dir", dataDir], environment);
        var told = $"The store cannot be written: the disk holding {dataDir} is full, or konomi.db reached Storage:MaxSizeMb ({MaxSizeMb} MB)";
        await Eventually.HoldsAsync(async () => await Task.FromResult(konomi.Output.Contains(told)),
            "konomi to say the store is full", Eventually.DefaultWithin, () => konomi.Output, Ct);
        // The start waits for room: a few of its tries (1 s, then 2 s) go by with nothing more said.
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        var works = store.Get<IWorkStore>();
        (await works.FindKnownAsync(crawled.Select(w => w.Id), Ct)).ShouldBeEmpty();
        (await store.Get<IUserStore>().ListAsync(Ct)).ShouldBeEmpty();
        konomi.HasExited.ShouldBeFalse(konomi.Output);

        await disk.FreeAsync();
        await disk.DisposeAsync();

        await konomi.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
        await EveryWorkStoredScoredAndPostedAsync(store, crawled, started, konomi);

        await PostedOnceAsync(konomi, [.. crawled.Select(w => w.Title)]);
        var output = konomi.Output;
        output.Split('\n').Where(line => line.Contains(" warn ") || line.Contains(" fail ")).ShouldHaveSingleItem(output).ShouldContain(told);
        output.ShouldNotContain("   at ");
        (await konomi.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, konomi.Output);
    }

    [Fact]
    public async Task A_run_stopped_while_its_store_is_full_finishes_at_the_next_start_what_waited_and_posts_it_once()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me", SlackUserId: "U0ME"), Ct);
        // Works a crashed crawl stored but never announced, popular enough that cold start likes them: the run's first
        // cycle announces them.
        Work[] left = [Sample.Work("RJ01000701"), Sample.Work("RJ01000702"), Sample.Work("RJ01000703")];
        var crawl = Guid.NewGuid();
        foreach (var work in left)
            await store.Get<IWorkStore>().AddAsync(work, crawl, Ct);
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        var environment = dlsite.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["Storage__MaxSizeMb"] = MaxSizeMb.ToString();
        environment["Crawler__ScheduleEnabled"] = "true";
        var disk = await FullDisk.FillAsync(Path.Combine(dataDir, "konomi.db"), MaxSizeMb, "scores");

        await using (var full = ServiceProcess.StartKonomi(["run", "--data-dir", dataDir], environment))
        {
            await full.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
            await Eventually.HoldsAsync(async () => await Task.FromResult(full.Output.Contains("The store cannot be written: the disk holding")),
                "konomi to say the store is full", Eventually.DefaultWithin, () => full.Output, Ct);
            (await store.Get<IWorkStore>().ListUnannouncedAsync(ct: Ct)).ShouldBeEmpty();
            (await store.Get<IScoreStore>().ListAsync("me", ct: Ct)).ShouldBeEmpty();
            // Stopped while the scores wait for room: the messages holding them die with the process.
            (await full.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, full.Output);
            full.Output.ShouldNotContain("would post");
        }
        await disk.FreeAsync();
        await disk.DisposeAsync();

        await using var next = ServiceProcess.StartKonomi(["run", "--data-dir", dataDir], environment);
        await next.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
        var ledger = store.Get<INotificationStore>();
        await Eventually.NothingMissingAsync(async () =>
        {
            foreach (var work in left)
                if (await ledger.FindAsync(work.Id, Target, Ct) is not { Status: NotificationStatus.Sent })
                    return $"{work.Id} posted";
            return null;
        }, Eventually.DefaultWithin, () => next.Output, Ct);
        await PostedOnceAsync(next, [.. left.Select(w => w.Title)]);
        (await store.Get<IScoreStore>().ListAsync("me", ct: Ct)).Count.ShouldBe(left.Length);
        (await next.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, next.Output);
    }

    [Fact]
    public async Task A_command_on_a_full_store_says_so_in_one_line_and_exits_1()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        await using var disk = await FullDisk.FillAsync(Path.Combine(dataDir, "konomi.db"), MaxSizeMb, "users");

        var result = await KonomiCli.RunAsync(["users", "add", "bob", "--data-dir", dataDir],
            new Dictionary<string, string?> { ["Storage__MaxSizeMb"] = MaxSizeMb.ToString() }, ct: Ct);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.Trim().ShouldBe("konomi: the store is full: the disk holding konomi.db has no space left, or konomi.db reached Storage:MaxSizeMb; "
            + "free space (konomi prune, or other files) or raise the cap, then run the command again.");
        (await store.Get<IUserStore>().ListAsync(Ct)).Select(u => u.UserId).ShouldBe(["me"]);
    }

    /// <summary>The emulated DLsite, crawled each second; a waiting message tried again within 2 s; the store capped.</summary>
    static Dictionary<string, string?> CrawlEachSecond(DLsiteEmulator dlsite)
    {
        var environment = dlsite.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["Storage__MaxSizeMb"] = MaxSizeMb.ToString();
        // The code's own schedule, made short.
        environment["Crawler__ScheduleEnabled"] = "true";
        environment["Crawler__Interval"] = "00:00:01";
        environment["Bus__Retry__MaxDelay"] = "00:00:02";
        // Without a model every work is offered to try, so each one crawled is posted.
        environment["Inference__ExplorationRateWithoutModel"] = "1";
        return environment;
    }

    /// <summary>Waits until each crawled work is stored, announced, scored for me and its post recorded sent.</summary>
    static async Task EveryWorkStoredScoredAndPostedAsync(TestStore store, IReadOnlyList<EmulatedWork> crawled, DateTimeOffset started, ServiceProcess konomi)
    {
        var (works, scores, ledger) = (store.Get<IWorkStore>(), store.Get<IScoreStore>(), store.Get<INotificationStore>());
        await Eventually.NothingMissingAsync(async () =>
        {
            var announced = await works.ListAnnouncedAsync(started, DateTimeOffset.UtcNow.AddMinutes(1), ct: Ct);
            if (announced.Count < crawled.Count) return $"{crawled.Count - announced.Count} of the works crawled while the store was full stored and announced";
            foreach (var run in announced.GroupBy(w => w.CrawlRunId))
                if ((await scores.FindRunAsync("me", run.Key, [.. run.Select(w => w.Work.Id)], Ct)).Count < run.Count())
                    return $"a score for each of {string.Join(", ", run.Select(w => w.Work.Id))}";
            foreach (var work in crawled)
                if (await ledger.FindAsync(work.Id, Target, Ct) is not { Status: NotificationStatus.Sent })
                    return $"{work.Id} posted";
            return null;
        }, Eventually.DefaultWithin, () => konomi.Output, Ct);
    }

    /// <summary>
    /// Each work posted once: one line each. The console logger writes on its own thread, so a post's line can reach the
    /// output after the ledger says it was sent: each line is waited for, then no work may have two.
    /// </summary>
    static async Task PostedOnceAsync(ServiceProcess konomi, IReadOnlyList<string> titles)
    {
        List<string> Posts() => [.. konomi.Output.Split('\n').Where(line => line.Contains($"would post to {Target}:"))];
        await Eventually.NothingMissingAsync(() => Task.FromResult(titles.FirstOrDefault(title => !Posts().Any(line => line.Contains(title)))
            is { } missing ? $"the line posting {missing}" : null), Eventually.DefaultWithin, () => konomi.Output, Ct);
        var posts = Posts();
        posts.Count.ShouldBe(titles.Count, konomi.Output);
        foreach (var title in titles)
            posts.Count(line => line.Contains(title)).ShouldBe(1, konomi.Output);
    }
}

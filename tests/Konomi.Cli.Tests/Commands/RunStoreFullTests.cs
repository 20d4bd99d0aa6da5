using System.Net;
using System.Text.Json.Nodes;
using Konomi.Contracts;
using Konomi.Emulators.DLsite;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Data.Sqlite;

namespace Konomi.Cli.Tests.Commands;

/// <summary>
/// The store of a running <c>konomi run</c> fills up. The disk is konomi.db's cap (<c>Storage:MaxSizeMb</c>, SQLite's
/// <c>max_page_count</c>): a write that needs one more page fails with SQLITE_FULL, as on a full disk. The test fills
/// it to the cap with a table of its own from outside, as another program fills a disk, and frees the space by dropping it.
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
        await store.Get<IWorkStore>().AddAsync(clicked, Guid.NewGuid(), Ct);
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        var environment = dlsite.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        environment["Storage__MaxSizeMb"] = MaxSizeMb.ToString();
        // The code's own schedule, made short: a cycle each second, a waiting message tried again within 2 s.
        environment["Crawler__ScheduleEnabled"] = "true";
        environment["Crawler__Interval"] = "00:00:01";
        environment["Bus__Retry__MaxDelay"] = "00:00:02";
        environment["Feedback__Mode"] = "http";
        environment["Slack__SigningSecret"] = Secret;
        var started = DateTimeOffset.UtcNow;

        await using var konomi = ServiceProcess.StartKonomi(["run", "--data-dir", dataDir], environment);
        await konomi.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
        await using var disk = await FillAsync(Path.Combine(dataDir, "konomi.db"));

        var crawled = dlsite.AddWorks(6);
        await Eventually.HoldsAsync(async () => await Task.FromResult(konomi.Output.Contains(
                $"The store cannot be written: the disk holding {dataDir} is full, or konomi.db reached Storage:MaxSizeMb ({MaxSizeMb} MB)")),
            "konomi to say the store is full", Eventually.DefaultWithin, () => konomi.Output, Ct);
        using var http = new HttpClient { BaseAddress = konomi.BaseAddress };
        var slack = new SlackInteractionSender(http, Secret);
        var press = SlackInteraction.ButtonPress("U0ME", "feedback.interested", $"{clicked.Id}|me|ngram|1", "fb:" + clicked.Id,
            "D0ME", "1700000000.000100", Post(clicked), DateTimeOffset.UtcNow);
        using (var refused = await slack.SendAsync(press, DateTimeOffset.UtcNow, Ct))
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, konomi.Output);
        var labels = store.Get<ILabelStore>();
        (await labels.HistoryAsync("me", clicked.Id, Ct)).ShouldBeEmpty();
        var works = store.Get<IWorkStore>();
        (await works.FindKnownAsync(crawled.Select(w => w.Id), Ct)).Count.ShouldBeLessThan(crawled.Count, "the fault landed before every work was stored");

        await disk.FreeAsync();

        // Slack sends the refused press again: now it is stored and answered.
        using (var retried = await slack.SendAsync(press, DateTimeOffset.UtcNow, Ct))
            retried.StatusCode.ShouldBe(HttpStatusCode.OK, konomi.Output);
        (await labels.HistoryAsync("me", clicked.Id, Ct)).Count.ShouldBe(1);
        var ledger = store.Get<INotificationStore>();
        var scores = store.Get<IScoreStore>();
        await Eventually.NothingMissingAsync(async () =>
        {
            var announced = await works.ListAnnouncedAsync(started, DateTimeOffset.UtcNow.AddMinutes(1), ct: Ct);
            if (announced.Count < crawled.Count) return $"{crawled.Count - announced.Count} of the works crawled while the store was full stored and announced";
            foreach (var run in announced.GroupBy(w => w.CrawlRunId))
            {
                var verdicts = await scores.FindRunAsync("me", run.Key, [.. run.Select(w => w.Work.Id)], Ct);
                if (verdicts.Count < run.Count()) return $"a score for each of {string.Join(", ", run.Select(w => w.Work.Id))}";
                foreach (var liked in verdicts.Values.Where(v => v.Liked == true))
                    if (await ledger.FindAsync(liked.WorkId, Target, Ct) is not { Status: NotificationStatus.Sent })
                        return $"{liked.WorkId} posted";
            }
            return null;
        }, Eventually.DefaultWithin, () => konomi.Output, Ct);

        // Each liked work posted once: one line per ledger entry, naming a work no other line names.
        var posted = (await ledger.ListAsync(null, 100, ct: Ct)).Where(n => n.Target == Target).ToList();
        posted.ShouldNotBeEmpty(konomi.Output);
        var output = konomi.Output;
        var posts = output.Split('\n').Where(line => line.Contains($"would post to {Target}:")).ToList();
        posts.Count.ShouldBe(posted.Count, output);
        foreach (var notification in posted)
        {
            var title = (await works.FindAsync(notification.WorkId, Ct))!.Title;
            posts.Count(line => line.Contains(title)).ShouldBe(1, output);
        }
        output.ShouldNotContain("   at ");
        (await konomi.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, konomi.Output);
    }

    /// <summary>A Konomi post as Slack sends it back with the press: its description runs to Slack's 3000-character cap.</summary>
    static JsonArray Post(Work work) =>
    [
        new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = work.Title } },
        new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('癒', 3000) } },
    ];

    /// <summary>Fills konomi.db to its cap from outside, until not one more byte fits.</summary>
    static async Task<FullDisk> FillAsync(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(Ct);
        var disk = new FullDisk(connection);
        await disk.RunAsync($"PRAGMA max_page_count = {MaxSizeMb * 1024 * 1024 / 4096}; CREATE TABLE ballast (b BLOB)");
        foreach (var size in new[] { 3000, 1000, 300, 100, 30, 10, 1 })
            try
            {
                while (true) await disk.RunAsync($"INSERT INTO ballast VALUES (randomblob({size}))");
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 13)
            {
            }
        return disk;
    }

    sealed class FullDisk(SqliteConnection connection) : IAsyncDisposable
    {
        public async Task RunAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(Ct);
        }

        /// <summary>What an operator does: deletes what filled the disk.</summary>
        public Task FreeAsync() => RunAsync("DROP TABLE ballast");

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}

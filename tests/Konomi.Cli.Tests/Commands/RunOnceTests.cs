using System.Text.Json;
using Konomi.Contracts;
using Konomi.Emulators.DLsite;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary><c>konomi run --once</c>: the embedded default (in-memory bus, SQLite) for one crawl, end to end.</summary>
public class RunOnceTests
{
    static readonly BuiltProgram Emulator = new("dlsite-emulator",
        Path.Combine("tests", "Konomi.Emulators.Host", "bin", Repository.Configuration, "net10.0", "dlsite-emulator.dll"));

    [Fact]
    public async Task Run_once_says_it_exits_after_one_cycle_crawls_the_new_works_then_exits_zero_and_a_second_run_finds_none()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dlsite = await DLsiteEmulator.StartAsync(ct);
        dlsite.AddWorks(3, "maniax");
        dlsite.AddWorks(2, "home");
        var dataDir = Directory.CreateTempSubdirectory("konomi-run-").FullName;
        var environment = Environment(dlsite);

        var first = await KonomiCli.RunAsync(["run", "--once", "--data-dir", dataDir, "--base-url", dlsite.BaseUrl.ToString()], environment, ct: ct);
        var second = await KonomiCli.RunAsync(["run", "--once", "--data-dir", dataDir, "--base-url", dlsite.BaseUrl.ToString()], environment, ct: ct);

        first.ExitCode.ShouldBe(0, first.Error);
        Report(first).GetProperty("newWorks").GetInt32().ShouldBe(5, first.Output);
        first.Error.ShouldContain("(one crawl cycle, then it exits)");
        first.Error.ShouldNotContain("Ctrl+C stops");
        second.ExitCode.ShouldBe(0, second.Error);
        Report(second).GetProperty("newWorks").GetInt32().ShouldBe(0, second.Output);
        File.Exists(Path.Combine(dataDir, "konomi.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task Run_once_exits_non_zero_when_DLsite_cannot_be_reached()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("konomi-run-").FullName;
        var unreachable = $"http://127.0.0.1:{FreePort.Next()}/";
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Crawler__MinimumDelay"] = "00:00:00",
            ["Crawler__Retry__BaseDelay"] = "00:00:00.010",
        };

        var result = await KonomiCli.RunAsync(["run", "--once", "--data-dir", dataDir, "--base-url", unreachable], environment, ct: ct);

        result.ExitCode.ShouldBe(1, result.Output + result.Error);
        result.Error.ShouldContain($"konomi: DLsite unreachable ({unreachable})");
    }

    [Fact]
    public async Task A_run_stopped_with_work_in_flight_is_finished_by_the_next_run_and_nothing_finished_is_posted_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dlsite = await DLsiteEmulator.StartAsync(ct);
        await using var store = TestStore.Sqlite();
        // What a konomi run killed mid-crawl leaves in its store, its in-memory messages gone with it: three announced
        // works of one crawl run, one never scored, one liked but never notified, one liked and posted.
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), ct);
        var run = Guid.NewGuid();
        var (unscored, unposted, posted) = (SampleWorks.Range(0, 3)[0], SampleWorks.Range(0, 3)[1], SampleWorks.Range(0, 3)[2]);
        var works = store.Get<IWorkStore>();
        foreach (var work in new[] { unscored, unposted, posted })
        {
            await works.AddAsync(work, run, ct);
            await works.MarkAnnouncedAsync(work.Id, ct);
        }
        var scores = store.Get<IScoreStore>();
        foreach (var work in new[] { unposted, posted })
            await scores.AddAsync(new WorkScored(run, work.Id, "me", 0.8, 0.5, true, "logistic", 1, []), ct);
        var ledger = store.Get<INotificationStore>();
        await ledger.TryCreateAsync(new Notification(posted.Id, "user:me", "me", run, NotificationStatus.Pending, 0, DateTimeOffset.UtcNow), ct);
        await ledger.TryLeaseAsync(posted.Id, "user:me", "the stopped run", DateTimeOffset.UtcNow.AddMinutes(2), ct);
        await ledger.MarkSentAsync(posted.Id, "user:me", "the stopped run", "console", "1.000001", ct);
        string[] runOnce = ["run", "--once", "--data-dir", store.Settings["Storage:DataDirectory"]!, "--base-url", dlsite.BaseUrl.ToString()];

        var next = await KonomiCli.RunAsync(runOnce, Environment(dlsite), ct: ct);

        next.ExitCode.ShouldBe(0, next.Error);
        (await scores.FindRunAsync("me", run, [unscored.Id], ct)).ShouldContainKey(unscored.Id);
        var sent = (await ledger.FindAsync(unposted.Id, "user:me", ct)).ShouldNotBeNull();
        sent.Status.ShouldBe(NotificationStatus.Sent);
        (await ledger.FindAsync(posted.Id, "user:me", ct))!.MessageTs.ShouldBe("1.000001");
        var wouldPost = next.Output + next.Error;
        wouldPost.ShouldContain(unposted.Title);
        wouldPost.ShouldNotContain(posted.Title);

        // The run after that finds everything finished: nothing is announced or posted again.
        var ledgerBefore = await ledger.ListAsync(null, 100, ct: ct);
        var after = await KonomiCli.RunAsync(runOnce, Environment(dlsite), ct: ct);
        after.ExitCode.ShouldBe(0, after.Error);
        (await ledger.ListAsync(null, 100, ct: ct)).ShouldBe(ledgerBefore);
        (after.Output + after.Error).ShouldNotContain("would post");
    }

    [Fact]
    public async Task The_dlsite_emulator_program_the_readme_offers_serves_works_a_run_crawls_and_posts_and_stops_on_kill()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort.Next();
        using var emulator = Emulator.Start(["--port", port.ToString(), "--works", "3"]);
        try
        {
            var banner = await emulator.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromMinutes(1), ct);
            banner.ShouldBe($"DLsite emulator at http://127.0.0.1:{port}/ with 3 works, one more every 00:10:00. Point Konomi at it:");
            var dataDir = Directory.CreateTempSubdirectory("konomi-run-").FullName;

            var result = await KonomiCli.RunAsync(["run", "--once", "--data-dir", dataDir, "--base-url", $"http://127.0.0.1:{port}/"],
                new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}" }, ct: ct);

            result.ExitCode.ShouldBe(0, result.Error);
            Report(result).GetProperty("newWorks").GetInt32().ShouldBe(3, result.Output);
            (result.Output + result.Error).ShouldContain("would post to user:me");

            // `kill`, as a service manager stops it, ends it (its web host used to take SIGTERM and leave it waiting).
            emulator.Terminate();
            await emulator.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(1), ct);
            emulator.ExitCode.ShouldBe(0);
        }
        finally
        {
            if (!emulator.HasExited) emulator.Kill();
        }
    }

    [Fact]
    public async Task The_dlsite_emulator_program_offers_enough_works_by_default_to_label_a_first_model()
    {
        var ct = TestContext.Current.CancellationToken;
        using var emulator = Emulator.Start(["--port", FreePort.Next().ToString()]);
        try
        {
            var banner = await emulator.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromMinutes(1), ct);

            // Trainer:MinLabels (20 by default) labels before a first model: with fewer works a newcomer waits hours for new ones.
            var works = int.Parse(banner!.Split(" with ")[1].Split(' ')[0]);
            works.ShouldBeGreaterThanOrEqualTo(20, banner);
        }
        finally
        {
            emulator.Kill();
        }
    }

    [Fact]
    public async Task The_dlsite_emulator_program_on_a_taken_port_says_so_in_one_line_and_exits_1()
    {
        var ct = TestContext.Current.CancellationToken;
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var result = await Emulator.RunAsync(["--port", port.ToString()], ct: ct);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.Trim().ShouldBe($"dlsite-emulator: port {port} is already in use (another emulator?): stop it, or give this one --port with a free port.");
    }

    [Fact]
    public async Task After_a_backfill_the_first_run_posts_the_liked_works_not_yet_labelled_and_none_already_labelled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dlsite = await DLsiteEmulator.StartAsync(ct);
        dlsite.AddWorks(4, "maniax");
        string[] store = await FirstDayAsync(dlsite, answers: "y\nn\nq\n", ct);
        var labelled = (await KonomiCli.RunAsync(["labels", "export", "-", .. store], ct: ct)).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(row => row.Split(',')[0]).ToList();

        var run = await KonomiCli.RunAsync(["run", "--once", .. store, "--base-url", dlsite.BaseUrl.ToString()], Environment(dlsite), ct: ct);

        run.ExitCode.ShouldBe(0, run.Error);
        labelled.Count.ShouldBe(2);
        var posted = (run.Output + run.Error).Split('\n').Where(line => line.Contains("would post"))
            .Select(line => dlsite.Works.Single(w => line.Contains(w.Id)).Id).ToList();
        posted.ShouldBe(dlsite.Works.Select(w => w.Id).Except(labelled), ignoreOrder: true);
        run.Error.ShouldContain("or a konomi crawl with no bus to score it");
    }

    [Fact]
    public async Task A_restart_after_the_first_run_leaves_the_labelled_liked_works_alone_and_reports_nothing_unfinished()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dlsite = await DLsiteEmulator.StartAsync(ct);
        dlsite.AddWorks(4, "maniax");
        string[] store = await FirstDayAsync(dlsite, answers: "y\ny\nq\n", ct), fromEmulator = ["--base-url", dlsite.BaseUrl.ToString()];
        var first = await KonomiCli.RunAsync(["run", "--once", .. store, .. fromEmulator], Environment(dlsite), ct: ct);
        first.Error.ShouldContain("who has already labelled it: not notified");

        // Each liked verdict is settled: posted, or passed over because its user labelled the work.
        var second = await KonomiCli.RunAsync(["run", "--once", .. store, .. fromEmulator], Environment(dlsite), ct: ct);

        second.ExitCode.ShouldBe(0, second.Error);
        second.Error.ShouldNotContain("left unfinished");
        second.Error.ShouldNotContain("already labelled");
        (second.Output + second.Error).ShouldNotContain("would post");
    }

    /// <summary>The README's first day: a backfill to label from, every circle liked, the given answers; the store's options.</summary>
    static async Task<string[]> FirstDayAsync(DLsiteEmulator dlsite, string answers, CancellationToken ct)
    {
        string[] store = ["--data-dir", Directory.CreateTempSubdirectory("konomi-run-").FullName];
        (await KonomiCli.RunAsync(["crawl", "--backfill", "--pages", "1", .. store, "--base-url", dlsite.BaseUrl.ToString()], Environment(dlsite), ct: ct))
            .ExitCode.ShouldBe(0);
        string[] circles = [.. dlsite.Works.Select(w => w.Circle).Distinct().SelectMany(circle => new[] { "--circle", circle })];
        (await KonomiCli.RunAsync(["prefs", "like", "--user", "me", .. circles, .. store], ct: ct)).ExitCode.ShouldBe(0);
        (await KonomiCli.RunAsync(["label", .. store], standardInput: answers, ct: ct)).ExitCode.ShouldBe(0);
        return store;
    }

    static Dictionary<string, string?> Environment(DLsiteEmulator dlsite)
    {
        var environment = dlsite.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        return environment;
    }

    static JsonElement Report(BuiltProgram.Result result) =>
        JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]).RootElement;
}

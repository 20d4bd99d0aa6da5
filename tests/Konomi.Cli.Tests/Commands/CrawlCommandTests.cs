using System.Text.Json;
using Konomi.Emulators.DLsite;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi crawl</c> process against the DLsite emulator.</summary>
public class CrawlCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Crawl_once_against_another_origin_stores_the_new_works_and_prints_the_report()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        var dataDir = Directory.CreateTempSubdirectory("konomi-crawl-").FullName;
        dlsite.AddWorks(1, "maniax");

        var result = await KonomiCli.RunAsync(["crawl", "--once", "--base-url", dlsite.BaseUrl.ToString(), "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var report = JsonDocument.Parse(result.Output).RootElement;
        report.GetProperty("newWorks").GetInt32().ShouldBe(1);
        report.GetProperty("listingPages").GetInt32().ShouldBe(2);
        report.GetProperty("requests").GetInt32().ShouldBe(1 + 2 + 2);
        dlsite.Requests.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Crawl_once_exits_1_saying_DLsite_is_unreachable_when_it_cannot_be_reached()
    {
        var dataDir = Directory.CreateTempSubdirectory("konomi-crawl-").FullName;
        var closed = $"http://127.0.0.1:{FreePort.Next()}/";

        var result = await KonomiCli.RunAsync(["crawl", "--once", "--base-url", closed, "--data-dir", dataDir], ShortRetries, ct: Ct);

        result.ExitCode.ShouldBe(1, result.Output + result.Error);
        result.Error.ShouldContain($"konomi: DLsite unreachable ({closed}): no listing page could be read (unreachable 2)");
        result.Error.ShouldNotContain("robots.txt disallows");
        var report = JsonDocument.Parse(result.Output).RootElement;
        report.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["unreachable"]);
    }

    [Fact]
    public async Task Backfill_stops_before_its_estimate_when_robots_txt_cannot_be_read()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        var dataDir = Directory.CreateTempSubdirectory("konomi-crawl-").FullName;
        dlsite.AddWorks(1, "maniax");
        dlsite.Fail(new DLsiteFault(503), times: 8, kind: RequestKind.Robots);

        var result = await KonomiCli.RunAsync(["crawl", "--backfill", "--pages", "1", "--base-url", dlsite.BaseUrl.ToString(), "--data-dir", dataDir], ShortRetries, ct: Ct);

        result.ExitCode.ShouldBe(1, result.Output + result.Error);
        result.Error.ShouldContain($"konomi: DLsite unreachable ({dlsite.BaseUrl}): robots.txt of {dlsite.BaseUrl.Host} could not be read (server-error");
        result.Error.ShouldNotContain("Backfill of");
        result.Output.ShouldBeEmpty();
        // One read of robots.txt with its retries (Crawler:Retry:MaxAttempts, 4), not a second one for the cycle.
        dlsite.RequestCount(RequestKind.Robots).ShouldBe(4);
        dlsite.Requests.ShouldAllBe(r => r.Kind == RequestKind.Robots);
    }

    static readonly Dictionary<string, string?> ShortRetries = new()
    {
        ["Crawler__MinimumDelay"] = "00:00:00",
        ["Crawler__Retry__BaseDelay"] = "00:00:00.010",
    };

    [Fact]
    public async Task Backfill_needs_at_least_one_page()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"konomi-crawl-{Guid.NewGuid():N}");

        var result = await KonomiCli.RunAsync(["crawl", "--backfill", "--pages", "0", "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("--pages must be at least 1.");
    }

    [Fact]
    public async Task Failed_lists_the_works_given_up_still_tried_and_not_on_sale_status_counts_them_and_retry_failed_forgets_them()
    {
        await using var store = TestStore.Sqlite();
        var failures = store.Get<ICrawlFailureStore>();
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        for (var cycle = 0; cycle < 3; cycle++)
            await failures.RecordAsync("RJ01000001", "malformed: RJ01000001: not a work page (no #work_name title, or no #work_outline table or product-info list)", at.AddHours(cycle), Ct);
        await failures.RecordAsync("RJ01000002", "too-large: body past 8388608 bytes", at.AddHours(3), Ct);
        for (var cycle = 0; cycle < 3; cycle++)
            await failures.RecordAsync("RJ01000003", "not-on-sale: product.json has no work and the work page is gone (404)", at.AddHours(4 + cycle), Ct);
        string[] dataDir = ["--data-dir", store.Settings["Storage:DataDirectory"]!];

        var listed = await KonomiCli.RunAsync(["crawl", "--failed", .. dataDir], ct: Ct);
        var status = await KonomiCli.RunAsync(["status", .. dataDir], ct: Ct);
        var retried = await KonomiCli.RunAsync(["crawl", "--retry-failed", .. dataDir], ct: Ct);
        var after = await KonomiCli.RunAsync(["crawl", "--failed", .. dataDir], ct: Ct);

        listed.ExitCode.ShouldBe(0, listed.Error);
        listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            "RJ01000003  not on sale (looked at daily) last 2026-12-01 15:00Z  not-on-sale: product.json has no work and the work page is gone (404)",
            "RJ01000002  retrying (1/3)   last 2026-12-01 12:00Z  too-large: body past 8388608 bytes",
            "RJ01000001  given up         last 2026-12-01 11:00Z  malformed: RJ01000001: not a work page (no #work_name title, or no #work_outline table or product-info list)"]);
        status.Output.ShouldContain("failed works   1 given up, 1 still tried, 1 listed but not on sale (`konomi crawl --failed`)");
        retried.Output.ShouldStartWith("3 failed work(s) forgotten");
        (await failures.ListAsync(ct: Ct)).ShouldBeEmpty();
        after.Output.Trim().ShouldBe("No failed works.");
    }

    [Fact]
    public async Task Status_shows_a_floor_whose_last_read_failed_and_why_until_a_crawl_reads_it_again()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        var dataDir = Directory.CreateTempSubdirectory("konomi-crawl-").FullName;
        dlsite.AddWorks(1, "maniax");
        var challenged = true;
        // Only the maniax listing has items (home has no works): a captcha in its place, with DLsite's head kept.
        dlsite.AlterListings(page => challenged && page.Contains("data-list_item_product_id")
            ? page[..page.IndexOf("<body", StringComparison.Ordinal)] + "<body><div class=\"g-recaptcha\"></div></body></html>"
            : page);
        string[] crawl = ["crawl", "--once", "--base-url", dlsite.BaseUrl.ToString(), "--data-dir", dataDir];
        string[] status = ["status", "--data-dir", dataDir];

        await KonomiCli.RunAsync(crawl, ct: Ct);
        var unread = await KonomiCli.RunAsync(status, ct: Ct);
        challenged = false;
        await KonomiCli.RunAsync(crawl, ct: Ct);
        var read = await KonomiCli.RunAsync(status, ct: Ct);

        unread.ExitCode.ShouldBe(0, unread.Error);
        var line = unread.Output.Split('\n').Where(l => l.StartsWith("unread floor")).ShouldHaveSingleItem();
        line.ShouldStartWith("unread floor   maniax: unread since ");
        line.ShouldContain("challenge: the listing is a bot challenge or captcha, not DLsite's page");
        read.Output.ShouldNotContain("unread floor");
    }

    [Fact]
    public async Task Failed_and_once_are_refused_together()
    {
        var result = await KonomiCli.RunAsync(["crawl", "--once", "--failed"], ct: Ct);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Give one of --once, --backfill, --failed, --retry-failed.");
    }

    [Theory]
    [InlineData("--pages", "2")]
    [InlineData("--once", "--pages", "2")]
    public async Task Pages_without_backfill_are_refused_rather_than_ignored(params string[] arguments)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"konomi-crawl-{Guid.NewGuid():N}");

        var result = await KonomiCli.RunAsync(["crawl", .. arguments, "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--pages is for --backfill: `konomi crawl --backfill --pages N`.");
        Directory.Exists(dataDir).ShouldBeFalse();
    }
}

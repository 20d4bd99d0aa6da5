using Konomi.Emulators.DLsite;

namespace Konomi.Crawler.Tests.Crawling;

public class PolitenessTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_request_carries_the_user_agent_and_the_age_gate_and_locale_cookies()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(2, "home");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:UserAgent"] = "Konomi/1.0 (test)" });

        await crawler.Cycle.RunOnceAsync(Ct);

        dlsite.Requests.Count.ShouldBe(1 + 2 + 2 * 2);
        dlsite.Requests.ShouldAllBe(r => r.UserAgent == "Konomi/1.0 (test)");
        dlsite.Requests.ShouldAllBe(r => r.Cookie.Contains("adultchecked=1") && r.Cookie.Contains("locale=ja_JP"));
    }

    [Fact]
    public async Task Two_cycles_at_once_still_send_one_request_at_a_time()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(4, "maniax");
        dlsite.Fail(DLsiteFault.Slow(TimeSpan.FromMilliseconds(100)), times: 6);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        await Task.WhenAll(crawler.Cycle.RunOnceAsync(Ct), crawler.Cycle.RunOnceAsync(Ct));

        dlsite.MaxConcurrentRequests.ShouldBe(1);
        (await crawler.Works.CountAsync(Ct)).ShouldBe(4);
    }

    [Fact]
    public async Task The_robots_txt_crawl_delay_spaces_requests_and_robots_txt_is_read_once_per_cycle()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.CrawlDelay = TimeSpan.FromMilliseconds(150);
        dlsite.AddWorks(1, "maniax");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:Floors:0"] = "maniax", ["Crawler:Floors:1"] = null });

        await crawler.Cycle.RunOnceAsync(Ct);
        await crawler.Cycle.RunOnceAsync(Ct);

        dlsite.RequestCount(RequestKind.Robots).ShouldBe(2);
        var afterRobots = dlsite.Requests.Where(r => r.Kind != RequestKind.Robots).ToList();
        // Two cycles: a listing page each, and two requests for the one new work.
        afterRobots.Count.ShouldBe(2 + 2);
        var gaps = afterRobots.Zip(afterRobots.Skip(1), (a, b) => b.StartedAt - a.EndedAt);
        // 140 ms: the emulator stamps its own clock a little after the client's pacer does.
        gaps.ShouldAllBe(gap => gap >= TimeSpan.FromMilliseconds(140));
    }

    [Fact]
    public async Task A_redirect_away_from_dlsite_or_the_configured_origin_is_refused()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(1, "maniax");
        dlsite.Fail(DLsiteFault.Redirect(new Uri("https://example.com/maniax/work/=/product_id/RJ01800001.html")), kind: RequestKind.WorkPage);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["disallowed"] = 1 });
        report.NewWorks.ShouldBe(0);
    }
}

using Konomi.Crawler.DLsite;
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
    public async Task The_robots_txt_crawl_delay_spaces_every_request_after_robots_txt_which_is_read_once_per_cycle()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.CrawlDelay = TimeSpan.FromMilliseconds(150);
        dlsite.AddWorks(1, "maniax");
        var schedule = new ClientSchedule();
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path,
            new() { ["Crawler:Floors:0"] = "maniax", ["Crawler:Floors:1"] = null }, schedule.Register);

        await schedule.RunAsync(() => crawler.Cycle.RunOnceAsync(Ct));
        await schedule.RunAsync(() => crawler.Cycle.RunOnceAsync(Ct));

        dlsite.RequestCount(RequestKind.Robots).ShouldBe(2);
        var requests = schedule.Requests;
        // Two cycles: robots.txt and a listing page each, and two requests for the one new work.
        requests.Count.ShouldBe(2 + 2 + 2);
        // On the client's own clock, from the end of one request to the start of the next, robots.txt to the
        // first listing included; only robots.txt itself, read before its Crawl-delay is known, may go at once.
        var gaps = requests.Zip(requests.Skip(1), (a, b) => (b.Path, Gap: b.StartedAt - a.EndedAt)).Where(g => g.Path != "/robots.txt").ToList();
        gaps.Count.ShouldBe(4);
        gaps.ShouldAllBe(g => g.Gap >= TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task The_pacer_starts_the_next_request_only_once_the_delay_has_passed_since_the_previous_ended()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var pacer = new HostPacer(clock);
        var delay = TimeSpan.FromSeconds(2);
        await pacer.RunAsync("dlsite", delay, _ => Task.FromResult(0), Ct);
        var endedAt = clock.GetUtcNow();

        var second = pacer.RunAsync("dlsite", delay, _ => Task.FromResult(clock.GetUtcNow()), Ct);
        var otherHost = pacer.RunAsync("other", delay, _ => Task.FromResult(clock.GetUtcNow()), Ct);
        (await otherHost).ShouldBe(endedAt);
        clock.Advance(delay - TimeSpan.FromTicks(1));
        second.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromTicks(1));

        (await second).ShouldBe(endedAt + delay);
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

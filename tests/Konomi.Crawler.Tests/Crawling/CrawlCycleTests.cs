using Konomi.Contracts;
using Konomi.Emulators.DLsite;

namespace Konomi.Crawler.Tests.Crawling;

public class CrawlCycleTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_crawl_finds_exactly_the_new_works_and_the_next_finds_none()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var maniax = dlsite.AddWorks(4, "maniax");
        var home = dlsite.AddWorks(3, "home");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var first = await crawler.Cycle.RunOnceAsync(Ct);

        first.NewWorks.ShouldBe(7);
        first.WorksSeen.ShouldBe(7);
        first.Errors.ShouldBeEmpty();
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(maniax.Concat(home).Select(w => w.Id), ignoreOrder: true);
        crawler.NewWorks.ShouldAllBe(n => n.CrawlRunId == first.RunId);
        (await crawler.Works.ListUnannouncedAsync(ct: Ct)).ShouldBeEmpty();

        var added = dlsite.AddWorks(2, "maniax");
        var second = await crawler.Cycle.RunOnceAsync(Ct);
        var third = await crawler.Cycle.RunOnceAsync(Ct);

        second.NewWorks.ShouldBe(2);
        third.NewWorks.ShouldBe(0);
        crawler.NewWorks.Count.ShouldBe(9);
        crawler.NewWorks.Skip(7).Select(n => n.Work.Id).ShouldBe(added.Select(w => w.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task A_new_work_is_stored_with_fields_from_product_json_and_the_long_description_from_its_page()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var emulated = dlsite.AddWorks(1, "home")[0];
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        await crawler.Cycle.RunOnceAsync(Ct);

        var work = (await crawler.Works.FindAsync(emulated.Id, Ct)).ShouldNotBeNull();
        work.Title.ShouldBe(emulated.Title);
        work.Circle.ShouldBe(emulated.Circle);
        work.VoiceActors.ShouldBe([emulated.VoiceActor]);
        work.ScenarioWriters.ShouldBe(["chill"]);
        work.Genres.ShouldContain("耳かき");
        work.ReleaseDate.ShouldBe(emulated.ReleaseDate);
        work.AgeCategory.ShouldBe(AgeCategory.AllAges);
        work.WorkType.ShouldBe("SOU");
        work.PriceYen.ShouldBe(emulated.PriceYen);
        work.Url.ShouldBe($"https://www.dlsite.com/home/work/=/product_id/{emulated.Id}.html");
        work.Description.ShouldStartWith("皆様、こんにちは。サークル");
        work.Popularity.ShouldNotBeNull().RatingCount.ShouldBe(112);
    }

    [Fact]
    public async Task Requests_per_cycle_are_robots_txt_plus_listing_pages_plus_two_per_new_work()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(35, "maniax");
        dlsite.AddWorks(2, "home");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var first = await crawler.Cycle.RunOnceAsync(Ct);

        // maniax: 35 works are two pages of 30; home: one page. robots.txt once per host per cycle.
        first.ListingPages.ShouldBe(3);
        first.NewWorks.ShouldBe(37);
        first.Requests.ShouldBe(1 + 3 + 2 * 37);
        dlsite.RequestCount(RequestKind.Robots).ShouldBe(1);
        dlsite.RequestCount(RequestKind.Listing).ShouldBe(3);
        dlsite.RequestCount(RequestKind.ProductJson).ShouldBe(37);
        dlsite.RequestCount(RequestKind.WorkPage).ShouldBe(37);

        dlsite.ClearRequests();
        dlsite.AddWorks(1, "home");
        var second = await crawler.Cycle.RunOnceAsync(Ct);

        second.Requests.ShouldBe(1 + 3 + 2);
        dlsite.Requests.Count.ShouldBe(1 + 3 + 2);
    }

    [Fact]
    public async Task Every_listing_crawl_is_stored_as_a_snapshot_and_announced_with_WorksCrawled()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var maniax = dlsite.AddWorks(3, "maniax");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        var snapshot = (await crawler.Snapshots.ListAsync("maniax", ct: Ct)).ShouldHaveSingleItem();
        snapshot.CrawlRunId.ShouldBe(report.RunId);
        snapshot.WorkIds.ShouldBe(maniax.Select(w => w.Id).Reverse());
        var crawled = crawler.Crawled.Single(c => c.Source == "maniax");
        crawled.WorkIds.ShouldBe(snapshot.WorkIds);
        crawled.CrawlRunId.ShouldBe(report.RunId);
        (await crawler.Snapshots.ListAsync("home", ct: Ct)).ShouldHaveSingleItem().WorkIds.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_crash_between_storing_and_publishing_loses_and_duplicates_nothing_after_a_restart()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(5, "maniax");
        List<NewWorkDetected> published = [];

        await using (var crashing = await CrawlerHost.StartAsync(dlsite, data.Path, services: s => CrashingWorkStore.Install(s, crashAfter: 3)))
        {
            await Should.ThrowAsync<InvalidOperationException>(() => crashing.Cycle.RunOnceAsync(Ct));
            published.AddRange(crashing.NewWorks);
        }
        published.Count.ShouldBe(2);

        await using (var restarted = await CrawlerHost.StartAsync(dlsite, data.Path))
        {
            var report = await restarted.Cycle.RunOnceAsync(Ct);
            report.Reannounced.ShouldBe(1);
            report.NewWorks.ShouldBe(2);
            await restarted.Cycle.RunOnceAsync(Ct);
            published.AddRange(restarted.NewWorks);
            (await restarted.Works.CountAsync(Ct)).ShouldBe(5);
        }

        published.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task An_announced_work_is_not_new_until_it_is_released()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var announced = dlsite.AddWorks(1, "maniax", EmulatedWorkState.Announced)[0];
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var before = await crawler.Cycle.RunOnceAsync(Ct);

        before.Announced.ShouldBe(1);
        before.NewWorks.ShouldBe(0);
        before.Errors.ShouldBeEmpty();
        (await crawler.Works.FindAsync(announced.Id, Ct)).ShouldBeNull();
        dlsite.RequestCount(RequestKind.WorkPage).ShouldBe(0);

        dlsite.Release(announced.Id);
        var after = await crawler.Cycle.RunOnceAsync(Ct);

        after.NewWorks.ShouldBe(1);
        crawler.NewWorks.ShouldHaveSingleItem().Work.Id.ShouldBe(announced.Id);
    }

    [Fact]
    public async Task A_malformed_work_page_is_a_typed_error_the_crawl_goes_on_and_retries_it_next_cycle()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var broken = dlsite.AddWorks(1, "maniax", EmulatedWorkState.Malformed)[0];
        var fine = dlsite.AddWorks(2, "maniax");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["malformed"] = 1 });
        report.NewWorks.ShouldBe(2);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(fine.Select(w => w.Id), ignoreOrder: true);
        (await crawler.Works.FindAsync(broken.Id, Ct)).ShouldBeNull();

        dlsite.ClearRequests();
        await crawler.Cycle.RunOnceAsync(Ct);
        dlsite.Requests.Count(r => r.PathAndQuery.Contains(broken.Id)).ShouldBe(2);
    }

    /// <summary>A page DLsite keeps refusing: region-blocked (HTTP 200 with its error box), or a listing in its place (a withdrawn work's page redirected).</summary>
    [Theory]
    [InlineData("region-blocked")]
    [InlineData("not-found")]
    public async Task A_work_page_DLsite_keeps_refusing_is_a_typed_error_and_the_work_is_stored_from_product_json(string refusal)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var refused = dlsite.AddWorks(1, "maniax", refusal == "region-blocked" ? EmulatedWorkState.RegionBlocked : EmulatedWorkState.Released)[0];
        if (refusal == "not-found")
            dlsite.Fail(DLsiteFault.Redirect(new Uri(dlsite.BaseUrl, "/maniax/fsr/=/language/jp/order/release_d/page/1")), kind: RequestKind.WorkPage);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { [refusal] = 1 });
        var work = crawler.NewWorks.ShouldHaveSingleItem().Work;
        work.Id.ShouldBe(refused.Id);
        work.Title.ShouldBe(refused.Title);
        work.Description.ShouldStartWith("現代日本に住む主人公は");
    }
}

using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Konomi.Emulators.DLsite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Crawler.Tests.Crawling;

public partial class OddListingTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The real listing DLsite serves rewritten as a new layout would write it: its result items renamed, or gone from the
    /// HTML (rendered by script) while the pager still counts the floor's works.
    /// </summary>
    public static TheoryData<string> Layouts => ["renamed result items", "items rendered by script"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_listing_in_a_layout_Konomi_does_not_read_is_a_malformed_error_not_a_floor_without_new_works(string layout)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(3, "maniax");
        dlsite.AlterListings(layout == "renamed result items" ? Renamed : WithoutResultItems);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["malformed"] = 1 });
        // The home floor has no works at all: its empty page reads as such.
        report.ListingPages.ShouldBe(1);
        crawler.Crawled.Select(c => c.Source).ShouldBe(["home"]);
        (await crawler.Snapshots.ListAsync("maniax", ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_listed_work_whose_title_does_not_read_is_still_fetched_and_stored_with_its_own_title()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var untitled = works[1];
        // Its title link left empty, as a script-rendered or truncated title leaves it.
        dlsite.AlterListings(page => page.Replace($"title=\"{untitled.Title}\">{untitled.Title}</a>", "title=\"\"></a>"));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        crawler.NewWorks.Single(n => n.Work.Id == untitled.Id).Work.Title.ShouldBe(untitled.Title);
    }

    static string Renamed(string listing) => listing.Replace("data-list_item_product_id", "data-item_id").Replace("search_result_img_box_inner", "result_item");

    static string WithoutResultItems(string listing)
    {
        var page = new HtmlParser().ParseDocument(listing);
        foreach (var item in page.QuerySelectorAll("li[data-list_item_product_id]")) item.Remove();
        return page.DocumentElement.OuterHtml;
    }

    /// <summary>A search without results, as a listing shows it: no items and a pager counting 0, or no result list at all and words saying so.</summary>
    public static TheoryData<string> EmptyResults => ["no items, a pager counting 0", "no result list, only words"];

    [Theory]
    [MemberData(nameof(EmptyResults))]
    public async Task An_empty_search_result_is_a_floor_without_new_works_not_an_error(string shape)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(3, "maniax");
        dlsite.AlterListings(page => EmptyResult(page, shape));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        report.NewWorks.ShouldBe(0);
        report.ListingPages.ShouldBe(2);
        (await crawler.Snapshots.ListAsync("maniax", ct: Ct)).ShouldHaveSingleItem().WorkIds.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(StandIns.Challenges), MemberType = typeof(StandIns))]
    public async Task A_challenge_page_served_with_200_in_place_of_the_listing_is_an_outage_and_the_floor_is_read_next_cycle(string challenge)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(2, "maniax");
        var challenged = true;
        dlsite.AlterListings(page => challenged ? StandIns.Challenge(page, challenge) : page);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var during = await crawler.Cycle.RunOnceAsync(Ct);
        challenged = false;
        var after = await crawler.Cycle.RunOnceAsync(Ct);

        during.Errors.ShouldBe(new Dictionary<string, int> { ["challenge"] = 2 });
        during.ListingPages.ShouldBe(0);
        after.Errors.ShouldBeEmpty();
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task A_not_found_page_served_with_200_in_place_of_the_listing_is_not_found_for_that_floor()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(2, "maniax");
        dlsite.AlterListings(StandIns.NotFound);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["not-found"] = 2 });
        (await crawler.Snapshots.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    /// <summary>A layout change lasts until Konomi reads it: one warning for the floor, not one an hour; a line when it reads again.</summary>
    [Fact]
    public async Task A_floor_in_an_unknown_layout_is_warned_of_once_repeats_are_debug_and_its_recovery_is_one_information_line()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(2, "maniax");
        var renamed = true;
        dlsite.AlterListings(page => renamed ? Renamed(page) : page);
        var logs = new FakeLoggerProvider();
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path,
            services: s => s.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug)));

        var unread = await crawler.RunCyclesAsync(3, Ct);
        renamed = false;
        var read = await crawler.Cycle.RunOnceAsync(Ct);

        unread.ShouldAllBe(r => r.Errors.Count == 1 && r.Errors["malformed"] == 1);
        read.NewWorks.ShouldBe(2);
        var floor = logs.Collector.GetSnapshot().Where(r => r.Category == typeof(CrawlCycle).FullName && r.Message.Contains("maniax listing")).ToList();
        floor.Select(r => r.Level).ShouldBe([LogLevel.Warning, LogLevel.Debug, LogLevel.Debug, LogLevel.Information]);
        floor[^1].Message.ShouldContain("reads again");
    }

    static string EmptyResult(string listing, string shape)
    {
        var page = new HtmlParser().ParseDocument(listing);
        if (shape == "no items, a pager counting 0")
        {
            foreach (var item in page.QuerySelectorAll("li[data-list_item_product_id]")) item.Remove();
            return PagerCount().Replace(page.DocumentElement.OuterHtml, "\"count\":0");
        }
        page.QuerySelector("#search_result_list")!.OuterHtml = "<p>該当作品がありません。</p>";
        foreach (var script in page.QuerySelectorAll("script").Where(s => s.TextContent.Contains("pager"))) script.Remove();
        return page.DocumentElement.OuterHtml;
    }

    [GeneratedRegex("\"count\":\\d+")]
    private static partial Regex PagerCount();
}

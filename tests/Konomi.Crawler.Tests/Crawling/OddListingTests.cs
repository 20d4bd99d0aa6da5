using AngleSharp.Html.Parser;
using Konomi.Emulators.DLsite;

namespace Konomi.Crawler.Tests.Crawling;

public class OddListingTests
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
        dlsite.AlterListings(layout == "renamed result items" ? page => page.Replace("data-list_item_product_id", "data-item_id").Replace("search_result_img_box_inner", "result_item") : WithoutResultItems);
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

    static string WithoutResultItems(string listing)
    {
        var page = new HtmlParser().ParseDocument(listing);
        foreach (var item in page.QuerySelectorAll("li[data-list_item_product_id]")) item.Remove();
        return page.DocumentElement.OuterHtml;
    }
}

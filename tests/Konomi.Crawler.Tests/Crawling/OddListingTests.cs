using AngleSharp.Html.Parser;
using Konomi.Emulators.DLsite;

namespace Konomi.Crawler.Tests.Crawling;

public class OddListingTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The real listing DLsite serves rewritten as a new layout would write it: its title links renamed, or its result
    /// items gone from the HTML (rendered by script) while the pager still counts the floor's works.
    /// </summary>
    public static TheoryData<string> Layouts => ["renamed title links", "items rendered by script"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_listing_in_a_layout_Konomi_does_not_read_is_a_malformed_error_not_a_floor_without_new_works(string layout)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(3, "maniax");
        dlsite.AlterListings(layout == "renamed title links" ? page => page.Replace("work_name", "work_title") : WithoutResultItems);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["malformed"] = 1 });
        // The home floor has no works at all: its empty page reads as such.
        report.ListingPages.ShouldBe(1);
        crawler.Crawled.Select(c => c.Source).ShouldBe(["home"]);
        (await crawler.Snapshots.ListAsync("maniax", ct: Ct)).ShouldBeEmpty();
    }

    static string WithoutResultItems(string listing)
    {
        var page = new HtmlParser().ParseDocument(listing);
        foreach (var item in page.QuerySelectorAll("li[data-list_item_product_id]")) item.Remove();
        return page.DocumentElement.OuterHtml;
    }
}

using System.Text.Json;
using Konomi.Crawler.Tests.Crawling;
using Konomi.Emulators.DLsite;

namespace Konomi.Crawler.Tests.Cli;

public class CrawlCommandTests
{
    [Fact]
    public async Task Crawl_once_against_another_origin_stores_the_new_works_and_prints_the_report()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(TestContext.Current.CancellationToken);
        using var data = new TempDirectory();
        dlsite.AddWorks(1, "maniax");

        var result = await Konomi.RunAsync("crawl", "--once", "--base-url", dlsite.BaseUrl.ToString(), "--data-dir", data.Path);

        result.ExitCode.ShouldBe(0, result.Error);
        var report = JsonDocument.Parse(result.Output).RootElement;
        report.GetProperty("newWorks").GetInt32().ShouldBe(1);
        report.GetProperty("listingPages").GetInt32().ShouldBe(2);
        report.GetProperty("requests").GetInt32().ShouldBe(1 + 2 + 2);
        dlsite.Requests.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Backfill_needs_at_least_one_page()
    {
        var result = await Konomi.RunAsync("crawl", "--backfill", "--pages", "0");

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("--pages must be at least 1.");
    }
}

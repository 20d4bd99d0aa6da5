using System.Text.Json;
using Konomi.Emulators.DLsite;
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
    public async Task Backfill_needs_at_least_one_page()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"konomi-crawl-{Guid.NewGuid():N}");

        var result = await KonomiCli.RunAsync(["crawl", "--backfill", "--pages", "0", "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("--pages must be at least 1.");
    }
}

using System.Text.Json;
using Konomi.Emulators.DLsite;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary><c>konomi crawl --backfill</c>: the estimate before the first page, then progress lines with an ETA.</summary>
public class BackfillProgressTests
{
    [Fact]
    public async Task Backfill_prints_its_estimate_before_the_first_page_then_progress_to_the_last_work()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dlsite = await DLsiteEmulator.StartAsync(ct);
        dlsite.AddWorks(40, "maniax");
        dlsite.AddWorks(5, "home");

        var result = await BackfillAsync(dlsite, pages: 2, ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.TrimEntries);
        var estimate = Array.FindIndex(lines, l => l.StartsWith("Backfill of 2 pages on 2 floors: up to 120 works", StringComparison.Ordinal));
        var progress = lines.Where(l => l.StartsWith("page ", StringComparison.Ordinal)).ToList();
        estimate.ShouldBeGreaterThanOrEqualTo(0, result.Error);
        lines[estimate].ShouldContain("one request every 0.01 s", customMessage: result.Error);
        Array.FindIndex(lines, l => l.StartsWith("page ", StringComparison.Ordinal)).ShouldBeGreaterThan(estimate, result.Error);
        progress.ShouldAllBe(l => l.Contains(", ETA ") || l.Contains(", took "), result.Error);
        // Page 1 of maniax; its last page (which ran out, so the plan drops to 3 pages) with 40 new works found; the home page; the end.
        progress.First().ShouldStartWith("page 1/4, 0/0 new works fetched", customMessage: result.Error);
        progress.ShouldContain(l => l.StartsWith("page 2/4, 0/40 new works fetched", StringComparison.Ordinal), result.Error);
        progress.Last().ShouldStartWith("page 3/3, 45/45 new works fetched, took ", customMessage: result.Error);
        JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]).RootElement.GetProperty("newWorks").GetInt32().ShouldBe(45);
    }

    [Fact]
    public async Task The_estimate_uses_the_robots_txt_crawl_delay_when_it_is_longer_than_the_minimum_delay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dlsite = await DLsiteEmulator.StartAsync(ct);
        dlsite.CrawlDelay = TimeSpan.FromSeconds(0.2);
        dlsite.AddWorks(1, "maniax");

        var result = await BackfillAsync(dlsite, pages: 1, ct);

        result.ExitCode.ShouldBe(0, result.Error);
        // 2 listing pages + 60 works × 2 requests = 122 requests, 0.2 s apart.
        result.Error.ShouldContain("Backfill of 1 page on 2 floors: up to 60 works, ~2 requests each, one request every 0.2 s: about 24 s.");
    }

    /// <summary><c>konomi crawl --backfill</c> on a fresh store against the emulator, MinimumDelay 10 ms.</summary>
    static Task<BuiltProgram.Result> BackfillAsync(DLsiteEmulator dlsite, int pages, CancellationToken ct)
    {
        var environment = dlsite.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["Crawler__MinimumDelay"] = "00:00:00.010";
        var dataDir = Directory.CreateTempSubdirectory("konomi-backfill-").FullName;
        return KonomiCli.RunAsync(["crawl", "--backfill", "--pages", $"{pages}", "--data-dir", dataDir], environment, ct: ct);
    }
}

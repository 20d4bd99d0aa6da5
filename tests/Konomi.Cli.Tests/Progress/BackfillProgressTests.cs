using System.Text.Json;
using Konomi.Emulators.DLsite;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Progress;

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
        var environment = dlsite.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["Crawler__MinimumDelay"] = "00:00:00.010";
        var dataDir = Directory.CreateTempSubdirectory("konomi-backfill-").FullName;

        var result = await KonomiCli.RunAsync(["crawl", "--backfill", "--pages", "2", "--data-dir", dataDir], environment, ct: ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.TrimEntries);
        var estimate = Array.FindIndex(lines, l => l.StartsWith("Backfill of 2 pages on 2 floors: up to 120 works", StringComparison.Ordinal));
        var progress = lines.Where(l => l.StartsWith("page ", StringComparison.Ordinal)).ToList();
        estimate.ShouldBeGreaterThanOrEqualTo(0, result.Error);
        lines[estimate].ShouldContain("one request every 0.01 s", customMessage: result.Error);
        Array.FindIndex(lines, l => l.StartsWith("page ", StringComparison.Ordinal)).ShouldBeGreaterThan(estimate, result.Error);
        progress.ShouldAllBe(l => l.Contains(", ETA "), result.Error);
        // Page 1 of maniax; its last page (which ran out, so the plan drops to 3 pages) with 40 new works found; the home page; the end.
        progress.First().ShouldStartWith("page 1/4, 0/0 new works fetched", customMessage: result.Error);
        progress.ShouldContain(l => l.StartsWith("page 2/4, 0/40 new works fetched", StringComparison.Ordinal), result.Error);
        progress.Last().ShouldStartWith("page 3/3, 45/45 new works fetched, ETA 0", customMessage: result.Error);
        JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]).RootElement.GetProperty("newWorks").GetInt32().ShouldBe(45);
    }
}

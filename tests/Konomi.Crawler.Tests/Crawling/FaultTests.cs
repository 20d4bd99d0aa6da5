using Konomi.Emulators.DLsite;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>DLsite's bad days, through the emulator: every fault is retried within limits and the crawl goes on.</summary>
public class FaultTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("challenge", RequestKind.Listing)]
    [InlineData("server-error", RequestKind.ProductJson)]
    [InlineData("slow", RequestKind.WorkPage)]
    [InlineData("truncated", RequestKind.WorkPage)]
    [InlineData("truncated", RequestKind.Listing)]
    public async Task A_transient_fault_is_retried_and_the_crawl_finds_every_new_work(string fault, RequestKind kind)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        dlsite.Fail(Fault(fault), times: 2, kind: kind);
        // Only the slow case needs a short timeout; a loaded CI machine must not time out ordinary requests.
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:Timeout"] = fault == "slow" ? "00:00:01" : "00:00:10" });

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        report.NewWorks.ShouldBe(3);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        // robots.txt, one listing page per floor, two per new work, and the two faulted tries.
        report.Requests.ShouldBe(1 + 2 + 2 * 3 + 2);
        dlsite.RequestCount(kind).ShouldBe((kind == RequestKind.Listing ? 2 : 3) + 2);
    }

    [Fact]
    public async Task A_429_waits_as_long_as_its_Retry_After_says()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(1, "maniax");
        dlsite.Fail(DLsiteFault.RateLimited(TimeSpan.FromSeconds(1)), kind: RequestKind.ProductJson);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.NewWorks.ShouldBe(1);
        var tries = dlsite.Requests.Where(r => r.Kind == RequestKind.ProductJson).ToList();
        tries.Count.ShouldBe(2);
        (tries[1].StartedAt - tries[0].EndedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95));
    }

    [Fact]
    public async Task A_fault_that_outlasts_the_retries_is_a_typed_error_and_the_other_works_are_still_found()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        // Oldest first: the first work page asked for is the oldest work's; it gets Crawler:Retry:MaxAttempts 500s.
        dlsite.Fail(DLsiteFault.ServerError(), times: 3, kind: RequestKind.WorkPage);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:Retry:MaxAttempts"] = "3" });

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["server-error"] = 1 });
        report.NewWorks.ShouldBe(2);
        (await crawler.Works.FindAsync(works[0].Id, Ct)).ShouldBeNull();

        var next = await crawler.Cycle.RunOnceAsync(Ct);
        next.NewWorks.ShouldBe(1);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task A_listing_that_keeps_failing_is_counted_and_the_other_floor_is_still_crawled()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(1, "maniax");
        var home = dlsite.AddWorks(1, "home");
        dlsite.Fail(DLsiteFault.Challenge(), times: 4, kind: RequestKind.Listing);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["challenge"] = 1 });
        crawler.NewWorks.ShouldHaveSingleItem().Work.Id.ShouldBe(home[0].Id);
        (await crawler.Snapshots.ListAsync("maniax", ct: Ct)).ShouldBeEmpty();
    }

    static DLsiteFault Fault(string name) => name switch
    {
        "challenge" => DLsiteFault.Challenge(),
        "server-error" => DLsiteFault.ServerError(503),
        "slow" => DLsiteFault.Slow(TimeSpan.FromSeconds(3)),
        "truncated" => DLsiteFault.Truncated(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}

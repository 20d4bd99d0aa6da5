using Konomi.Emulators.DLsite;
using Konomi.Storage.Ports;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>The record of works whose own documents keep failing lives in the store: restarts keep it, an operator clears it.</summary>
public sealed class FailedWorkRecordTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly Dictionary<string, string?> ThreeAttempts = new() { ["Crawler:MaxWorkAttempts"] = "3" };

    [Fact]
    public async Task A_given_up_work_stays_given_up_across_restarts_until_it_is_retried_and_then_arrives_once()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var odd = works[0].Id;
        dlsite.Break(odd);
        int Fetches() => dlsite.Requests.Count(r => r.PathAndQuery.Contains(odd));

        // Two failed cycles, then the crawler restarts (a deploy): the count goes on from two, not from zero.
        await using (var first = await CrawlerHost.StartAsync(dlsite, data.Path, ThreeAttempts))
        {
            await first.Cycle.RunOnceAsync(Ct);
            await first.Cycle.RunOnceAsync(Ct);
        }
        await using (var second = await CrawlerHost.StartAsync(dlsite, data.Path, ThreeAttempts))
        {
            (await second.Cycle.RunOnceAsync(Ct)).FailedWorks.ShouldBe([odd]);
            (await second.Cycle.RunOnceAsync(Ct)).FailedWorks.ShouldBeEmpty();
        }
        Fetches().ShouldBe(3 * 2);

        await using var third = await CrawlerHost.StartAsync(dlsite, data.Path, ThreeAttempts);
        await third.Cycle.RunOnceAsync(Ct);
        Fetches().ShouldBe(3 * 2);
        var failures = third.Get<ICrawlFailureStore>();
        var record = (await failures.ListAsync(ct: Ct)).ShouldHaveSingleItem();
        record.WorkId.ShouldBe(odd);
        record.Attempts.ShouldBe(3);
        record.LastError.ShouldStartWith("malformed: ");

        // DLsite (or a Konomi upgrade) makes the work readable; the operator retries it (`konomi crawl --retry-failed`).
        dlsite.Mend(odd);
        (await failures.ForgetAsync(odd, Ct)).ShouldBeTrue();
        (await third.Cycle.RunOnceAsync(Ct)).NewWorks.ShouldBe(1);
        await third.Cycle.RunOnceAsync(Ct);

        third.NewWorks.Count(n => n.Work.Id == odd).ShouldBe(1);
        (await third.Works.FindAsync(odd, Ct))!.Title.ShouldBe(works[0].Title);
        (await failures.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_work_that_reads_after_failing_once_leaves_no_failure_behind()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(2, "maniax");
        var odd = works[0].Id;
        dlsite.Alter(odd, RequestKind.WorkPage, html => html.Replace("work_outline", "work_overview"));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, ThreeAttempts);
        var failures = crawler.Get<ICrawlFailureStore>();

        await crawler.Cycle.RunOnceAsync(Ct);
        (await failures.FindAsync(odd, Ct))!.Attempts.ShouldBe(1);
        dlsite.Mend(odd);
        await crawler.Cycle.RunOnceAsync(Ct);

        (await failures.ListAsync(ct: Ct)).ShouldBeEmpty();
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([works[1].Id, odd]);
        (await crawler.Works.FindAsync(odd, Ct))!.VoiceActors.ShouldContain(works[0].VoiceActor);
    }
}

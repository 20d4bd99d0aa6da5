using Konomi.Emulators.DLsite;
using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>What DLsite says of the site or of a work that is no fault of the work: down for maintenance, or not on sale.</summary>
public sealed class SiteStateTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly Dictionary<string, string?> ThreeAttempts = new() { ["Crawler:MaxWorkAttempts"] = "3" };

    [Fact]
    public async Task A_maintenance_page_in_place_of_a_work_s_documents_is_an_outage_the_crawl_backs_off_and_charges_no_work()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        // The listing still reads; DLsite went down before the works' own documents.
        dlsite.BeginMaintenance(RequestKind.ProductJson, RequestKind.WorkPage);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, ThreeAttempts);

        var down = await crawler.RunCyclesAsync(4, Ct);
        dlsite.EndMaintenance();
        var up = await crawler.Cycle.RunOnceAsync(Ct);

        down.ShouldAllBe(r => r.Errors.Count == 1 && r.Errors["maintenance"] == 1 && r.FailedWorks.Count == 0 && r.StoredFromOneSource.Count == 0);
        // Backing off: one product.json a cycle meets the maintenance page, and nothing more of the site is asked.
        dlsite.Requests.Count(r => r.Kind == RequestKind.ProductJson).ShouldBe(4 + 3);
        dlsite.RequestCount(RequestKind.WorkPage).ShouldBe(3);
        up.Errors.ShouldBeEmpty();
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        (await crawler.Get<ICrawlFailureStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_maintenance_page_in_place_of_the_listing_is_an_outage_and_no_other_floor_is_asked()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(2, "maniax");
        dlsite.AddWorks(1, "home");
        dlsite.BeginMaintenance();
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var down = await crawler.Cycle.RunOnceAsync(Ct);
        dlsite.EndMaintenance();
        var up = await crawler.Cycle.RunOnceAsync(Ct);

        down.Errors.ShouldBe(new Dictionary<string, int> { ["maintenance"] = 1 });
        down.ListingPages.ShouldBe(0);
        up.NewWorks.ShouldBe(3);
        dlsite.RequestCount(RequestKind.Listing).ShouldBe(1 + 2);
    }

    [Fact]
    public async Task A_listed_work_not_on_sale_is_no_error_is_looked_at_daily_after_the_last_attempt_and_arrives_once_released()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var onSale = dlsite.AddWorks(2, "maniax");
        var later = dlsite.AddWorks(1, "maniax", EmulatedWorkState.NotOnSale)[0];
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, ThreeAttempts, s => s.AddSingleton<TimeProvider>(clock));
        int Fetches() => dlsite.Requests.Count(r => r.PathAndQuery.Contains(later.Id));

        var hourly = new List<CrawlReport>();
        for (var hour = 0; hour < 5; hour++, clock.Advance(TimeSpan.FromHours(1))) hourly.Add(await crawler.Cycle.RunOnceAsync(Ct));

        hourly.ShouldAllBe(r => r.Errors.Count == 0 && r.FailedWorks.Count == 0);
        hourly.Select(r => r.NotOnSale).ShouldBe([1, 1, 1, 0, 0]);
        Fetches().ShouldBe(3 * 2);
        var record = (await crawler.Get<ICrawlFailureStore>().ListAsync(ct: Ct)).ShouldHaveSingleItem();
        record.WorkId.ShouldBe(later.Id);
        record.LastError.ShouldStartWith("not-on-sale: ");

        // A day after the last look, the work is looked at again: released by then, it arrives and leaves no record.
        clock.Advance(TimeSpan.FromDays(1));
        dlsite.Release(later.Id);
        var released = await crawler.Cycle.RunOnceAsync(Ct);

        released.NewWorks.ShouldBe(1);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([.. onSale.Select(w => w.Id), later.Id], ignoreOrder: true);
        crawler.NewWorks.Single(n => n.Work.Id == later.Id).Work.Title.ShouldBe(later.Title);
        (await crawler.Get<ICrawlFailureStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(StandIns.Challenges), MemberType = typeof(StandIns))]
    public async Task A_challenge_page_served_with_200_in_place_of_a_work_page_charges_the_work_nothing_and_it_arrives_once_the_challenge_is_gone(string challenge)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(2, "maniax");
        var challenged = true;
        dlsite.Alter(works[0].Id, RequestKind.WorkPage, page => challenged ? StandIns.Challenge(page, challenge) : page);
        // One attempt: a strike would give the work up at once.
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:MaxWorkAttempts"] = "1" });

        var during = await crawler.RunCyclesAsync(2, Ct);
        var storedDuring = await crawler.Works.FindAsync(works[0].Id, Ct);
        challenged = false;
        var after = await crawler.Cycle.RunOnceAsync(Ct);

        during.ShouldAllBe(r => r.Errors.Count == 1 && r.Errors["challenge"] == 1 && r.FailedWorks.Count == 0 && r.StoredFromOneSource.Count == 0);
        storedDuring.ShouldBeNull();
        after.Errors.ShouldBeEmpty();
        after.NewWorks.ShouldBe(1);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        (await crawler.Get<ICrawlFailureStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_not_found_page_served_with_200_for_a_work_without_product_json_is_not_on_sale_not_an_error()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(2, "maniax");
        dlsite.Alter(works[0].Id, RequestKind.ProductJson, _ => "[]");
        dlsite.Alter(works[0].Id, RequestKind.WorkPage, StandIns.NotFound);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        report.NotOnSale.ShouldBe(1);
        crawler.NewWorks.ShouldHaveSingleItem().Work.Id.ShouldBe(works[1].Id);
    }
}

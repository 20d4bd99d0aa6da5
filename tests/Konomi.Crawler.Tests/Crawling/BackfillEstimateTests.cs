namespace Konomi.Crawler.Tests.Crawling;

/// <summary>The estimate printed before a backfill: every page full, every work new, one request per Crawl-delay.</summary>
public class BackfillEstimateTests
{
    [Fact]
    public void Twenty_pages_on_two_floors_at_a_ten_second_crawl_delay_take_hours_and_the_small_backfill_is_offered()
    {
        var estimate = new BackfillEstimate(Pages: 20, Floors: 2, RequestSpacing: TimeSpan.FromSeconds(10));

        estimate.Works.ShouldBe(1_200);
        estimate.Requests.ShouldBe(40 + 2_400);
        estimate.Duration.ShouldBe(TimeSpan.FromSeconds(24_400));
        estimate.ToString().ShouldBe("Backfill of 20 pages on 2 floors: up to 1,200 works, ~2 requests each, one request every 10 s: "
            + "about 6 h 47 min. Start small with --pages 2 (~41 min).");
    }

    [Fact]
    public void A_small_backfill_offers_nothing_smaller()
    {
        var estimate = new BackfillEstimate(Pages: 2, Floors: 1, RequestSpacing: TimeSpan.FromSeconds(1));

        estimate.ToString().ShouldBe("Backfill of 2 pages on 1 floor: up to 60 works, ~2 requests each, one request every 1 s: about 2 min.");
    }

    [Fact]
    public void Progress_plans_every_unread_page_as_full_of_new_works()
    {
        var start = new CrawlProgress(PagesRead: 0, PagesPlanned: 4, WorksFetched: 0, WorksFound: 0);
        var midway = new CrawlProgress(PagesRead: 2, PagesPlanned: 3, WorksFetched: 10, WorksFound: 40);

        start.RequestsPlanned.ShouldBe(new BackfillEstimate(Pages: 2, Floors: 2, RequestSpacing: TimeSpan.Zero).Requests);
        midway.RequestsDone.ShouldBe(2 + 10 * 2);
        midway.RequestsPlanned.ShouldBe(2 + 40 * 2 + 1 * (1 + 30 * 2));
    }
}

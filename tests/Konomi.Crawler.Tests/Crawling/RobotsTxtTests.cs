using Konomi.Crawler.DLsite;

namespace Konomi.Crawler.Tests.Crawling;

public class RobotsTxtTests
{
    // DLsite's rules as observed on 2026-09-19 (reference notes, section 0).
    const string DLsite = """
        User-agent: *
        Crawl-delay: 10
        Disallow: /*/fsr/=/*/per_page/*/page/
        Allow: /*/fsr/=/*/per_page/*/page/1/
        Disallow: /*adultcheck/
        """;

    [Fact]
    public void DLsites_crawl_delay_and_rules_apply_to_konomi()
    {
        var robots = RobotsTxt.Parse(DLsite, "Konomi");

        robots.CrawlDelay.ShouldBe(TimeSpan.FromSeconds(10));
        robots.Allows("/maniax/fsr/=/language/jp/work_type_category%5B0%5D/audio/order/release_d/page/2").ShouldBeTrue();
        robots.Allows("/maniax/fsr/=/x/per_page/100/page/2/").ShouldBeFalse();
        robots.Allows("/maniax/fsr/=/x/per_page/100/page/1/").ShouldBeTrue();
        robots.Allows("/maniax/adultcheck/").ShouldBeFalse();
    }

    [Fact]
    public void A_group_naming_konomi_wins_over_the_wildcard()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nDisallow: /\n\nUser-agent: konomi\nCrawl-delay: 2.5\nDisallow: /private/\n", "Konomi");

        robots.CrawlDelay.ShouldBe(TimeSpan.FromSeconds(2.5));
        robots.Allows("/maniax/work/=/product_id/RJ01000297.html").ShouldBeTrue();
        robots.Allows("/private/x").ShouldBeFalse();
    }
}

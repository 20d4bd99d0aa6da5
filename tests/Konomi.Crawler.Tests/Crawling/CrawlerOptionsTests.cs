namespace Konomi.Crawler.Tests.Crawling;

public class CrawlerOptionsTests
{
    static readonly CrawlerOptionsValidation Validation = new();

    [Fact]
    public void Delays_under_one_second_are_refused_against_dlsite()
    {
        var options = new CrawlerOptions { MinimumDelay = TimeSpan.FromMilliseconds(500), RetryBackoff = TimeSpan.Zero };
        options.ApplyDefaults();

        var result = Validation.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldContain("Crawler:MinimumDelay must be at least 1 second against DLsite.");
        result.Failures.ShouldContain("Crawler:RetryBackoff must be at least 1 second against DLsite.");
    }

    [Fact]
    public void Delays_under_one_second_are_allowed_only_against_another_origin()
    {
        var options = new CrawlerOptions { BaseUrl = new Uri("http://127.0.0.1:5123/"), MinimumDelay = TimeSpan.Zero, RetryBackoff = TimeSpan.Zero };
        options.ApplyDefaults();

        Validation.Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void The_defaults_crawl_voice_works_on_maniax_and_home_politely()
    {
        var options = new CrawlerOptions();
        options.ApplyDefaults();

        options.Floors.ShouldBe(["maniax", "home"]);
        options.WorkCategories.ShouldBe(["audio"]);
        options.PagesPerCycle.ShouldBe(4);
        options.Interval.ShouldBe(TimeSpan.FromHours(1));
        Validation.Validate(null, options).Succeeded.ShouldBeTrue();
    }
}

using Konomi.Resilience;
using Microsoft.Extensions.Options;

namespace Konomi.Crawler.Tests.Crawling;

public class CrawlerOptionsTests
{
    static readonly CrawlerOptionsValidation Validation = new();

    [Fact]
    public void Delays_under_one_second_are_refused_against_dlsite()
    {
        var options = new CrawlerOptions { MinimumDelay = TimeSpan.FromMilliseconds(500) };
        options.ApplyDefaults();
        var retry = new RetrySettings { BaseDelay = TimeSpan.FromMilliseconds(500) };

        var result = Validation.Validate(null, options);
        var retryResult = new CrawlerRetryValidation(Options.Create(options)).Validate(CrawlerOptions.RetrySection, retry);

        result.Failures.ShouldBe(["Crawler:MinimumDelay must be at least 1 second against DLsite."]);
        retryResult.Failures.ShouldBe(["Crawler:Retry:BaseDelay must be at least 1 second against DLsite."]);
    }

    [Fact]
    public void Delays_under_one_second_are_allowed_only_against_another_origin()
    {
        var options = new CrawlerOptions { BaseUrl = new Uri("http://127.0.0.1:5123/"), MinimumDelay = TimeSpan.Zero };
        options.ApplyDefaults();

        Validation.Validate(null, options).Succeeded.ShouldBeTrue();
        new CrawlerRetryValidation(Options.Create(options)).Validate(CrawlerOptions.RetrySection, new RetrySettings { BaseDelay = TimeSpan.Zero })
            .Succeeded.ShouldBeTrue();
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

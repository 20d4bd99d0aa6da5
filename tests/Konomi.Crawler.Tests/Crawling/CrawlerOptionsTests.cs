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

    /// <summary>A floor and a category are path segments of every URL the crawler builds: a typo there is a 404 every cycle.</summary>
    [Theory]
    [InlineData("/girls/")]
    [InlineData("Girls")]
    [InlineData(" girls")]
    [InlineData("girls?locale=en_US")]
    public void A_floor_that_is_no_DLsite_floor_name_is_refused_at_start(string floor)
    {
        var options = new CrawlerOptions { Floors = ["maniax", floor], WorkCategories = ["audio", floor] };
        options.ApplyDefaults();

        Validation.Validate(null, options).Failures.ShouldBe([
            $"Crawler:Floors has \"{floor}\": a DLsite floor is a lower-case name such as maniax, home, girls, bl, pro, books or girls-pro.",
            $"Crawler:WorkCategories has \"{floor}\": a DLsite work type category is a lower-case name such as audio, game, comic or illust.",
        ]);
    }

    [Fact]
    public void A_blank_floor_or_category_is_no_entry_so_a_default_can_be_dropped()
    {
        var options = new CrawlerOptions { Floors = ["maniax", "", null!, " "], WorkCategories = ["audio", ""] };
        options.ApplyDefaults();

        options.Floors.ShouldBe(["maniax"]);
        options.WorkCategories.ShouldBe(["audio"]);
        Validation.Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Every_dlsite_floor_and_category_name_is_accepted()
    {
        var options = new CrawlerOptions { Floors = ["maniax", "home", "girls", "bl", "pro", "books", "girls-pro", "bl-pro"], WorkCategories = ["audio", "game", "comic", "illust", "movie"] };
        options.ApplyDefaults();

        Validation.Validate(null, options).Succeeded.ShouldBeTrue();
    }
}

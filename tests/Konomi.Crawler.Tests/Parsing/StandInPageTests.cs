using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

/// <summary>Pages served with HTTP 200 in place of a listing, work page or product.json, each typed by what it is.</summary>
public class StandInPageTests
{
    const string Listing = "m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html";
    const string WorkPage = "dlsite-go_work_RJ189758.html";

    public static TheoryData<string, string> ChallengesInPlaceOfEachDocument()
    {
        var data = new TheoryData<string, string>();
        foreach (var document in new[] { "listing", "work page", "product.json" })
            foreach (var challenge in StandIns.Challenges)
                data.Add(document, challenge.Data);
        return data;
    }

    [Theory]
    [MemberData(nameof(ChallengesInPlaceOfEachDocument))]
    public void A_challenge_page_is_a_challenge_outage_not_a_malformed_document(string document, string challenge)
    {
        var page = StandIns.Challenge(Fixtures.Read(document == "listing" ? Listing : WorkPage), challenge);

        Read(document, page).Kind.ShouldBe(CrawlErrorKind.Challenge);
    }

    [Theory]
    [InlineData("listing")]
    [InlineData("work page")]
    [InlineData("product.json")]
    public void A_not_found_page_is_not_found_not_malformed(string document)
    {
        var page = StandIns.NotFound(Fixtures.Read(document == "listing" ? Listing : WorkPage));

        Read(document, page).Kind.ShouldBe(CrawlErrorKind.NotFound);
    }

    /// <summary>Only a page without any work or listing markup is a stand-in: a work titled so is a work.</summary>
    [Theory]
    [InlineData("404 Not Found")]
    [InlineData("メンテナンス")]
    [InlineData("captcha")]
    public void A_work_whose_title_reads_like_a_stand_in_is_still_a_work(string words)
    {
        var title = "意地悪な機械人形に完全支配される音声 地獄級射精禁止オナニーサポート4 ヘルエグゼキューション";
        var page = Fixtures.Read(WorkPage).Replace(title, words + " " + title);

        WorkPageParser.Parse(page).Work.Title.ShouldBe(words + " " + title);
    }

    [Fact]
    public void A_page_of_unknown_markup_is_still_malformed()
    {
        var page = StandIns.WithBody(Fixtures.Read(Listing), null, "<div id=\"app\" data-v-app></div>");

        Read("listing", page).Kind.ShouldBe(CrawlErrorKind.Malformed);
        Read("work page", page).Kind.ShouldBe(CrawlErrorKind.Malformed);
    }

    static CrawlException Read(string document, string page) => Should.Throw<CrawlException>(() =>
    {
        _ = document switch
        {
            "listing" => (object)ListingPageParser.Parse(page),
            "work page" => WorkPageParser.Parse(page),
            _ => ProductJsonParser.Parse(page),
        };
    });
}

using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Konomi.Contracts;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

public class ListingPageParserTests
{
    [Fact]
    public void The_2026_listing_gives_each_work_in_page_order_with_the_current_price()
    {
        var listing = ListingPageParser.Parse(Fixtures.Read("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html"));

        listing.TotalCount.ShouldBe(8985);
        listing.Works.Select(w => w.Id).ShouldBe(["RJ01724737", "RJ01724654", "RJ01702895", "RJ01724540", "RJ01723934"]);
        var first = listing.Works[0];
        first.Title.ShouldBe("『「頑張りすぎ」って年上彼女に叱られて、そのまま甘やかされる夜。』");
        first.Circle.ShouldBe("月明かりの寝室");
        first.Author.ShouldBeNull();
        first.WorkType.ShouldBe("SOU");
        first.PriceYen.ShouldBe(495);
        first.Url.ShouldBe("https://www.dlsite.com/home/work/=/product_id/RJ01724737.html");
        first.ThumbnailUrl.ShouldBe("https://img.dlsite.jp/resize/images2/work/doujin/RJ01725000/RJ01724737_img_main_240x240.webp");
        listing.Works[1].Circle.ShouldBe("月乃朱里");
        listing.Works[1].Author.ShouldBe("月乃朱里");
        listing.Works[2].Title.ShouldBe("【玄人向け・刺激強め】高音圧でいじめられたい人向けのぞわぞわASMRパック！【高速耳かき・高速タッピング・心音】");
        listing.Works[2].Circle.ShouldBe("女の子に意地悪されたいんだなあ");
        listing.Works[2].Author.ShouldBe("雪乃しろ");
        listing.Works[4].Circle.ShouldBe("おちょこ");
    }

    /// <summary>A free work's price says 無料 (no number), on the 2026 and 2022 grids alike; an item without any price has none.</summary>
    [Theory]
    [InlineData("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html", "無料", 0)]
    [InlineData("glsite_search_listing_home_asmr_2022-05.html", "無料", 0)]
    [InlineData("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html", null, null)]
    public void A_listed_free_work_costs_nothing_and_one_without_a_price_has_none(string fixture, string? shown, int? yen)
    {
        var page = new HtmlParser().ParseDocument(Fixtures.Read(fixture));
        var item = ((IParentNode?)page.QuerySelector("#search_result_list") ?? page).QuerySelector("li[data-list_item_product_id], li.search_result_img_box_inner")!;
        var first = ListingPageParser.Parse(page).Works[0];
        var price = item.QuerySelector(".work_price .work_price_base") ?? item.QuerySelector(".work_price")!;
        if (shown is null) item.QuerySelector(".work_price_wrap")!.Remove();
        else price.TextContent = shown;

        var listed = ListingPageParser.Parse(page).Works[0];

        listed.Id.ShouldBe(first.Id);
        first.PriceYen.ShouldNotBe(yen);
        listed.PriceYen.ShouldBe(yen);
        listed.Title.ShouldBe(first.Title);
    }

    [Fact]
    public void The_2022_grid_counts_only_the_result_list_not_the_recommendations()
    {
        var listing = ListingPageParser.Parse(Fixtures.Read("glsite_search_listing_home_asmr_2022-05.html"));

        listing.TotalCount.ShouldBe(3909);
        listing.Works.Select(w => w.Id).ShouldBe(["RJ387206", "RJ385913"]);
        var first = listing.Works[0];
        first.Title.ShouldBe("【アズールレーン】指揮官を癒やし隊！・綾波とゆっくり過ごす約1日間【ASMR】");
        first.Circle.ShouldBe("アトリエメール");
        first.Author.ShouldBe("大地葉");
        first.WorkType.ShouldBe("SOU");
        first.PriceYen.ShouldBe(1320);
        first.ThumbnailUrl.ShouldBe("https://img.dlsite.jp/resize/images2/work/doujin/RJ388000/RJ387206_img_main_240x240.jpg");
        listing.Works[1].Title.ShouldBe("絶対に寝かしつける!からかい上手な後輩彼女のあまあま安眠耳かき");
        listing.Works[1].Circle.ShouldBe("いちのや");
        listing.Works[1].Author.ShouldBe("一之瀬りと");
        listing.Works[1].PriceYen.ShouldBe(1056);
    }

    /// <summary>The real items list JPN among their attributes; one listing English alone is a translation, one listing no language is not.</summary>
    [Fact]
    public void A_listed_work_in_other_languages_and_not_japanese_is_a_translation()
    {
        var page = Fixtures.Read("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html")
            .Replace("value=\"RG01079577,male,SOU,JPN,", "value=\"RG01079577,male,SOU,ENG,CHI_HANS,")
            .Replace("value=\"RG01080028,male,SOU,JPN,", "value=\"RG01080028,male,SOU,");

        var works = ListingPageParser.Parse(page).Works;

        works[0].Languages.ShouldBe(["ENG", "CHI_HANS"]);
        works[0].IsTranslation.ShouldBeTrue();
        works[1].Languages.ShouldBeEmpty();
        works[1].IsTranslation.ShouldBeFalse();
        works[2].Languages.ShouldBe(["JPN"]);
        works.Skip(1).ShouldAllBe(w => !w.IsTranslation);
    }

    /// <summary>
    /// The real home listing with its work links written relative, as a page may: each is made absolute against the page's address,
    /// so a work keeps its floor (read as it was, a relative link lost it: an all-ages work on the home floor was read as adult).
    /// </summary>
    [Theory]
    [InlineData("/home/work/")]
    [InlineData("//www.dlsite.com/home/work/")]
    [InlineData("../../../../../../../../../work/")]
    public void A_relative_work_link_is_made_absolute_against_the_listing_s_address_and_keeps_its_floor(string written)
    {
        var address = new Uri("https://www.dlsite.com/home/fsr/=/language/jp/work_type_category%5B0%5D/audio/order/release_d/page/1");
        var page = Fixtures.Read("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html").Replace("https://www.dlsite.com/home/work/", written);

        var works = ListingPageParser.Parse(page, address).Works;

        works.Count.ShouldBe(5);
        works[0].Url.ShouldBe("https://www.dlsite.com/home/work/=/product_id/RJ01724737.html");
        works.ShouldAllBe(w => w.Url.StartsWith("https://www.dlsite.com/home/work/=/product_id/RJ") && w.AgeCategory == AgeCategory.AllAges);
    }

    [Fact]
    public void A_saved_listing_s_root_relative_links_are_on_dlsite()
    {
        var page = Fixtures.Read("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html").Replace("https://www.dlsite.com/home/work/", "/home/work/");

        var first = ListingPageParser.Parse(page).Works[0];

        first.Url.ShouldBe("https://www.dlsite.com/home/work/=/product_id/RJ01724737.html");
        first.AgeCategory.ShouldBe(AgeCategory.AllAges);
    }

    /// <summary>The listing's titles carry no sale badge (its first work is 10% off and titled plainly): a circle's 【無料】 is its title.</summary>
    [Fact]
    public void A_listed_title_the_circle_begins_with_a_sale_word_is_read_whole()
    {
        const string name = "『「頑張りすぎ」って年上彼女に叱られて、そのまま甘やかされる夜。』";
        var page = Fixtures.Read("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html").Replace(name, "【無料】" + name);

        ListingPageParser.Parse(page).Works[0].Title.ShouldBe("【無料】" + name);
    }

    /// <summary>
    /// A listing item shows an age label only when its work's age is not its floor's (the real home items' work_genre is empty):
    /// an R-15 work among the all-ages ones, an all-ages one among the adult ones.
    /// </summary>
    [Theory]
    [InlineData("/home/", "<span class=\"icon_R15\" title=\"R-15\">R-15</span>", AgeCategory.R15)]
    [InlineData("/maniax/", "<span class=\"icon_GEN\" title=\"全年齢\">全年齢</span>", AgeCategory.AllAges)]
    [InlineData("/home/", "", AgeCategory.AllAges)]
    [InlineData("/maniax/", "", AgeCategory.Adult)]
    public void A_listed_work_s_age_label_is_its_age_else_its_floor_s(string floor, string label, AgeCategory age)
    {
        var fixture = Fixtures.Read("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html");
        var first = fixture.IndexOf("<dd class=\"work_genre\"></dd>", StringComparison.Ordinal);
        var page = (fixture[..first] + $"<dd class=\"work_genre\">{label}</dd>" + fixture[(first + "<dd class=\"work_genre\"></dd>".Length)..]).Replace("/home/", floor);

        var works = ListingPageParser.Parse(page).Works;

        works[0].AsWork().AgeCategory.ShouldBe(age);
        works[1].AsWork().AgeCategory.ShouldBe(AgeLabels.FromFloor(floor.Trim('/')));
    }

    [Fact]
    public void A_page_with_no_result_list_is_a_malformed_error()
    {
        Should.Throw<CrawlException>(() => ListingPageParser.Parse("<html><body><h1>DLsite</h1></body></html>")).Kind.ShouldBe(CrawlErrorKind.Malformed);
    }

    /// <summary>A listing cut off mid-download shows its first works only: read, the works past the cut would go unseen.</summary>
    [Theory]
    [InlineData("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html")]
    [InlineData("glsite_search_listing_home_asmr_2022-05.html")]
    public void A_listing_cut_off_mid_download_is_truncated_not_a_shorter_listing(string fixture)
    {
        var page = Fixtures.Read(fixture);

        var error = Should.Throw<CrawlException>(() => ListingPageParser.Parse(page[..(page.Length / 2)]));

        error.Kind.ShouldBe(CrawlErrorKind.Truncated);
        error.Message.ShouldStartWith("the listing ends before </html>");
    }

    /// <summary>
    /// A real listing whose title links DLsite has renamed: each item still names its work, whose own product.json and
    /// page give the title, so no work is lost for want of one.
    /// </summary>
    [Theory]
    [InlineData("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html")]
    [InlineData("glsite_search_listing_home_asmr_2022-05.html")]
    public void A_listing_whose_titles_no_longer_read_still_gives_every_work(string fixture)
    {
        var real = ListingPageParser.Parse(Fixtures.Read(fixture));

        var renamed = ListingPageParser.Parse(Fixtures.Read(fixture).Replace("work_name", "renamed_work_name"));

        renamed.Works.Select(w => w.Id).ShouldBe(real.Works.Select(w => w.Id));
        renamed.Works.ShouldAllBe(w => w.Title == "" && w.Url.Contains(w.Id));
    }

    /// <summary>A real listing whose result items DLsite has renamed, as a layout change would.</summary>
    [Theory]
    [InlineData("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html", "data-list_item_product_id", "search_result_img_box_inner")]
    [InlineData("glsite_search_listing_home_asmr_2022-05.html", "search_result_img_box_inner")]
    public void A_listing_whose_work_links_no_longer_read_as_results_is_malformed_not_empty(string fixture, params string[] markup)
    {
        var page = markup.Aggregate(Fixtures.Read(fixture), (html, name) => html.Replace(name, "renamed_" + name));

        var error = Should.Throw<CrawlException>(() => ListingPageParser.Parse(page));

        error.Kind.ShouldBe(CrawlErrorKind.Malformed);
        error.Message.ShouldContain("links");
    }

    [Theory]
    [InlineData("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html", "li[data-list_item_product_id]")]
    [InlineData("glsite_search_listing_home_asmr_2022-05.html", "li.search_result_img_box_inner")]
    public void A_listing_page_past_the_last_result_is_empty_not_an_error(string fixture, string items)
    {
        var page = new HtmlParser().ParseDocument(Fixtures.Read(fixture));
        foreach (var item in page.QuerySelectorAll(items)) item.Remove();

        ListingPageParser.Parse(page.DocumentElement.OuterHtml).Works.ShouldBeEmpty();
    }
}

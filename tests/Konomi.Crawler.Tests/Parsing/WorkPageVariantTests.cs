using AngleSharp.Dom;
using Konomi.Contracts;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

/// <summary>
/// Pages of floors and kinds no saved page shows (books, pro, free, sold at a sale, dated only by a month span, odd rows), each made
/// from a real page by changing its DOM as DLsite's pages of that kind differ: each field reads right or is left empty, and only
/// a page without its id or title fails.
/// </summary>
public class WorkPageVariantTests
{
    const string Voice = "dlsite-go_work_RJ189758.html";
    const string Sale = "dlsite-go_work_RJ126928.html";
    const string Announce = "dlsite-go_announce_RJ275695.html";
    const string Circle = "B-bishop";

    static IDocument Page(string fixture) => HtmlDocuments.Parse(Fixtures.Read(fixture));

    static IElement Row(IDocument page, string label) =>
        page.QuerySelectorAll("#work_maker tr, #work_outline tr").Single(tr => tr.QuerySelector("th")?.TextContent.Trim() == label);

    static void Relabel(IDocument page, string label, string relabelled) => Row(page, label).QuerySelector("th")!.TextContent = relabelled;

    static void AddRow(IDocument page, string table, string label, string cellHtml)
    {
        var row = page.CreateElement("tr");
        row.InnerHtml = $"<th>{label}</th><td>{cellHtml}</td>";
        page.QuerySelector($"#{table} > tbody")!.AppendChild(row);
    }

    static void MoveTo(IDocument page, string floor, string id) =>
        page.QuerySelector("link[rel=canonical]")!.SetAttribute("href", $"https://www.dlsite.com/{floor}/work/=/product_id/{id}.html");

    /// <summary>A books page (adult comics) names no circle: its maker table holds the author, under 著者 or 作者.</summary>
    [Theory]
    [InlineData("著者")]
    [InlineData("作者")]
    public void A_books_page_takes_the_author_as_the_maker(string label)
    {
        var page = Page(Voice);
        MoveTo(page, "books", "RJ189758");
        Row(page, "作者").Remove();
        Relabel(page, "サークル名", label);

        var work = WorkPageParser.Parse(page).Work;

        work.Circle.ShouldBe(Circle);
        work.Authors.ShouldBe([Circle]);
        work.AgeCategory.ShouldBe(AgeCategory.Adult);
        work.Url.ShouldBe("https://www.dlsite.com/books/work/=/product_id/RJ189758.html");
    }

    [Fact]
    public void A_books_page_with_a_publisher_takes_the_publisher_as_the_maker_and_the_author_as_an_author()
    {
        var page = Page(Voice);
        MoveTo(page, "books", "RJ189758");
        Row(page, "作者").Remove();
        Relabel(page, "サークル名", "著者");
        AddRow(page, "work_maker", "出版社名", "<span class=\"maker_name\"><a href=\"https://www.dlsite.com/books/circle/profile/=/maker_id/BG12345.html\">ワニマガジン社</a></span>");

        var work = WorkPageParser.Parse(page).Work;

        work.Circle.ShouldBe("ワニマガジン社");
        work.Authors.ShouldBe([Circle]);
    }

    /// <summary>Commercial floors name a brand; pro (games) is adult, soft all ages, and a page without an age row is its floor's age.</summary>
    [Theory]
    [InlineData("pro", AgeCategory.Adult)]
    [InlineData("soft", AgeCategory.AllAges)]
    public void A_pro_or_soft_page_takes_its_brand_as_the_maker_and_without_an_age_row_its_floor_s_age(string floor, AgeCategory age)
    {
        var page = Page(Voice);
        MoveTo(page, floor, "VJ01000297");
        Relabel(page, "サークル名", "ブランド名");
        Row(page, "年齢指定").Remove();
        // The real page's meta rating is its adult floor's.
        page.QuerySelector("meta[name=rating]")!.Remove();

        var work = WorkPageParser.Parse(page).Work;

        work.Id.ShouldBe("VJ01000297");
        work.Circle.ShouldBe(Circle);
        work.AgeCategory.ShouldBe(age);
        work.Url.ShouldBe($"https://www.dlsite.com/{floor}/work/=/product_id/VJ01000297.html");
    }

    /// <summary>Without a maker row, only the work's own maker link counts: a recommended work's circle is left out, not taken.</summary>
    [Fact]
    public void A_recommended_work_s_circle_is_never_taken_for_the_maker()
    {
        var page = Page(Voice);
        page.QuerySelector("#work_maker")!.Remove();
        var recommended = page.CreateElement("div");
        recommended.InnerHtml = "<span class=\"maker_name\"><a href=\"https://www.dlsite.com/maniax/circle/profile/=/maker_id/RG99999.html\">Another circle</a></span>";
        page.Body!.Prepend(recommended);

        var work = WorkPageParser.Parse(page).Work;

        work.Circle.ShouldBeEmpty();
        work.Title.ShouldStartWith("意地悪な機械人形");
    }

    [Fact]
    public void A_heading_left_empty_for_a_script_takes_the_title_from_og_title()
    {
        var page = Page(Sale);
        page.QuerySelector("#work_name")!.InnerHtml = "<span v-text=\"product.work_name\"></span>";

        WorkPageParser.Parse(page).Work.Title.ShouldBe("まじこスハロウィン -可愛い彼女は吸血鬼!? 妖しく光る魅了の魔眼の巻-");
    }

    [Fact]
    public void A_page_with_no_title_anywhere_fails_with_one_line_naming_the_work()
    {
        var page = Page(Voice);
        page.QuerySelector("#work_name")!.TextContent = " ";
        page.QuerySelector("meta[property='og:title']")!.Remove();
        page.Title = "";

        var error = Should.Throw<CrawlException>(() => WorkPageParser.Parse(page));

        error.Kind.ShouldBe(CrawlErrorKind.Malformed);
        error.Message.ShouldBe("RJ189758: the work page has no title (#work_name, og:title and <title> all empty)");
    }

    [Fact]
    public void A_page_with_no_id_anywhere_fails_with_one_line()
    {
        var page = Page(Voice);
        foreach (var link in page.QuerySelectorAll("link[rel=canonical], meta[property='og:url'], [data-product-id]")) link.Remove();
        foreach (var script in page.QuerySelectorAll("script").Where(s => s.TextContent.Contains("var contents"))) script.Remove();

        var error = Should.Throw<CrawlException>(() => WorkPageParser.Parse(page));

        error.Kind.ShouldBe(CrawlErrorKind.Malformed);
        error.Message.ShouldNotContain("\n");
        error.Message.ShouldContain("no DLsite work id");
    }

    /// <summary>A sale shows the original price struck through beside the price paid: the price is the one paid.</summary>
    [Fact]
    public void A_struck_through_original_price_is_not_the_price()
    {
        var page = Page(Sale);
        var paid = page.QuerySelector("#work_price .work_buy_content span.price")!;
        var original = page.CreateElement("span");
        original.ClassName = "price strike";
        original.TextContent = "990円";
        paid.Before(original);

        WorkPageParser.Parse(page).Work.PriceYen.ShouldBe(693);
    }

    [Theory]
    [InlineData("無料")]
    [InlineData("0円")]
    public void A_free_work_costs_nothing_whatever_its_analytics_price(string shown)
    {
        var page = Page(Voice);
        page.QuerySelector("#work_price .work_buy_content span.price")!.TextContent = shown;

        WorkPageParser.Parse(page).Work.PriceYen.ShouldBe(0);
    }

    /// <summary>An announce page may give its date as a span of a month in the sale-day row rather than in its announce box.</summary>
    [Fact]
    public void An_announce_page_dated_by_a_span_of_a_month_expects_that_span_and_has_no_release_day()
    {
        var page = Page(Announce);
        page.QuerySelector(".work_date_ana")!.Remove();
        AddRow(page, "work_outline", "販売日", "2025年05月下旬 予定");

        var parsed = WorkPageParser.Parse(page);

        parsed.Status.ShouldBe(WorkStatus.Announced);
        parsed.ExpectedRelease.ShouldBe("2025年05月下旬 予定");
        parsed.Work.ReleaseDate.ShouldBeNull();
    }

    /// <summary>A work sold in other languages links its editions (each its own id): the page stays its own work.</summary>
    [Fact]
    public void A_page_linking_its_other_language_editions_is_still_its_own_work()
    {
        var page = Page(Voice);
        var editions = page.CreateElement("ul");
        editions.ClassName = "work_edition";
        editions.InnerHtml = "<li class=\"type_trans\"><a href=\"https://www.dlsite.com/maniax/work/=/product_id/RJ01000297.html\" data-product-id=\"RJ01000297\">English</a></li>"
            + "<li class=\"type_trans\"><a href=\"https://www.dlsite.com/maniax/work/=/product_id/RJ01000298.html\" data-product-id=\"RJ01000298\">简体中文</a></li>";
        page.QuerySelector("#work_outline")!.Before(editions);
        AddRow(page, "work_outline", "対応言語", "<div class=\"work_genre\"><span class=\"icon_JPN\">日本語</span> <span class=\"icon_ENG\">英語</span></div>");

        var work = WorkPageParser.Parse(page).Work;

        work.Id.ShouldBe("RJ189758");
        work.Url.ShouldBe("https://www.dlsite.com/maniax/work/=/product_id/RJ189758.html");
        work.VoiceActors.Count.ShouldBe(5);
    }

    /// <summary>
    /// A bundle (セット) lists the works it holds, each with its own id, circle and price, before its own rows: the page is
    /// still the bundle, with its own maker and price.
    /// </summary>
    [Fact]
    public void A_bundle_page_listing_the_works_it_holds_is_still_the_bundle()
    {
        var original = WorkPageParser.Parse(Page(Voice)).Work;
        var page = Page(Voice);
        var held = page.CreateElement("div");
        held.ClassName = "work_parts_container bundle_contents";
        held.InnerHtml = string.Concat(new[] { "RJ01000297", "RJ01000298" }.Select(id =>
            $"<div class=\"bundle_item\" data-product-id=\"{id}\"><a href=\"https://www.dlsite.com/maniax/work/=/product_id/{id}.html\">{id} の作品</a>"
            + "<span class=\"maker_name\"><a href=\"https://www.dlsite.com/maniax/circle/profile/=/maker_id/RG99999.html\">Another circle</a></span>"
            + "<div class=\"work_buy_content\"><span class=\"price strike\">2,200円</span></div></div>"));
        page.QuerySelector("#work_maker")!.Before(held);

        var work = WorkPageParser.Parse(page).Work;

        work.Id.ShouldBe(original.Id);
        work.Circle.ShouldBe(original.Circle);
        work.PriceYen.ShouldBe(original.PriceYen);
        work.Description.ShouldBe(original.Description);
    }

    /// <summary>A row whose cell says something Konomi does not read leaves that field empty (or to the next source) and the rest of the work as it was.</summary>
    /// <remarks><paramref name="unread"/>: what the parse names as shown but not read, for the crawl's one warning; an empty cell shows nothing.</remarks>
    [Theory]
    [InlineData("販売日", "近日公開", "releaseDate", "releaseDate \"近日公開\"")]
    [InlineData("販売日", "", "releaseDate", null)]
    [InlineData("年齢指定", "<div class=\"work_genre\"><span class=\"icon_XYZ\" title=\"PG-12\">PG-12</span></div>", "ageCategory", "ageCategory \"PG-12\"")]
    [InlineData("作品形式", "<div class=\"work_genre\"><a href=\"/maniax/fsr/=/work_type/\"><span>ボイス</span></a></div>", "workType", "workType \"ボイス\"")]
    [InlineData("ジャンル", "<div class=\"main_genre\"></div>", "genres", null)]
    [InlineData("声優", "", "voiceActors", null)]
    [InlineData("シリーズ名", "", "series", null)]
    [InlineData("ファイル容量", "総計\u00a0???", "none", null)]
    public void A_row_that_does_not_read_leaves_its_field_and_keeps_the_work(string label, string cellHtml, string field, string? unread)
    {
        var original = WorkPageParser.Parse(Page(Voice)).Work;
        var page = Page(Voice);
        Row(page, label).QuerySelector("td")!.InnerHtml = cellHtml;

        var parsed = WorkPageParser.Parse(page);
        var work = parsed.Work;
        parsed.Unread.ShouldBe(unread is null ? [] : [unread]);

        switch (field)
        {
            case "releaseDate": work.ReleaseDate.ShouldBe(new DateOnly(2017, 1, 4), "the analytics script's regist_date"); break;
            case "ageCategory": work.AgeCategory.ShouldBe(AgeCategory.Adult, "the floor's age"); break;
            case "workType": work.WorkType.ShouldBeEmpty(); break;
            case "genres": work.Genres.ShouldBeEmpty(); break;
            case "voiceActors": work.VoiceActors.ShouldBeEmpty(); break;
            case "series": work.Series.ShouldBe("地獄級オナニーサポート", "the analytics script's series_name"); break;
        }
        work.Id.ShouldBe(original.Id);
        work.Title.ShouldBe(original.Title);
        work.Circle.ShouldBe(original.Circle);
        work.Description.ShouldBe(original.Description);
        if (field != "voiceActors") work.VoiceActors.ShouldBe(original.VoiceActors);
        if (field != "genres") work.Genres.ShouldBe(original.Genres);
    }

    [Fact]
    public void A_work_in_no_series_has_none()
    {
        var page = Page(Voice);
        Row(page, "シリーズ名").Remove();
        var analytics = page.QuerySelectorAll("script").Single(s => s.TextContent.Contains("var contents"));
        analytics.TextContent = analytics.TextContent.Replace("\"series_name\":", "\"no_series_name\":");

        WorkPageParser.Parse(page).Work.Series.ShouldBeNull();
    }

    /// <summary>Since 2023 the sale day may carry its hour ("16時"), as DLsite releases at 0時 or 16時 JST: the day is the same.</summary>
    [Theory]
    [InlineData("2017年01月04日 16時")]
    [InlineData("2017年01月04日 0時")]
    [InlineData("2017年1月4日")]
    public void A_sale_day_with_its_hour_or_without_leading_zeros_is_that_day(string shown)
    {
        var page = Page(Voice);
        Row(page, "販売日").QuerySelector("td a")!.TextContent = shown;

        var parsed = WorkPageParser.Parse(page);

        parsed.Work.ReleaseDate.ShouldBe(new DateOnly(2017, 1, 4));
        parsed.Unread.ShouldBeEmpty();
    }

    /// <summary>No saved page or product.json shows a field Konomi does not read: the crawl's warning is for pages unlike them.</summary>
    [Theory]
    [InlineData(Voice)]
    [InlineData(Sale)]
    [InlineData(Announce)]
    [InlineData("dlsite-go_work_RJ265946.html")]
    [InlineData("dlsite-go_2018_announce-layout_RJ189758.html")]
    [InlineData("m4tsu_dlsite-product-RJ01698658.json")]
    [InlineData("bk927_product_api_RJ403038_partly-synthetic.json")]
    public void A_real_document_reads_every_field_it_shows(string fixture) =>
        (fixture.EndsWith(".json") ? ProductJsonParser.Parse(Fixtures.Read(fixture)) : WorkPageParser.Parse(Page(fixture))).Unread.ShouldBeEmpty();

    [Theory]
    [InlineData("maniax", "<span class=\"icon_R15\" title=\"R-15\">R-15</span>", AgeCategory.R15)]
    [InlineData("maniax", "<span class=\"icon_GEN\" title=\"全年齢\">全年齢</span>", AgeCategory.AllAges)]
    [InlineData("home", "<span class=\"icon_ADL\" title=\"R18\">R18</span>", AgeCategory.Adult)]
    [InlineData("girls", "<span class=\"icon_R15\">R-15</span>", AgeCategory.R15)]
    public void The_age_row_tells_the_age_on_any_floor(string floor, string label, AgeCategory age)
    {
        var page = Page(Voice);
        MoveTo(page, floor, "RJ189758");
        Row(page, "年齢指定").QuerySelector("td")!.InnerHtml = $"<div class=\"work_genre\">{label}</div>";

        WorkPageParser.Parse(page).Work.AgeCategory.ShouldBe(age);
    }

    [Fact]
    public void A_description_without_its_itemprop_is_read_from_its_parts_container()
    {
        var original = WorkPageParser.Parse(Page(Voice)).Work;
        var page = Page(Voice);
        page.QuerySelector("[itemprop=description]")!.RemoveAttribute("itemprop");

        var work = WorkPageParser.Parse(page).Work;

        work.Description.ShouldNotBeEmpty();
        work.Description.ShouldBe(original.Description);
    }
}

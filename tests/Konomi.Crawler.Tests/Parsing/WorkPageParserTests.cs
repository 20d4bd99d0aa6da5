using Konomi.Contracts;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

public class WorkPageParserTests
{
    [Fact]
    public void A_2021_voice_page_parses_every_field_by_its_label()
    {
        var parsed = WorkPageParser.Parse(Fixtures.Read("dlsite-go_work_RJ189758.html"));
        var work = parsed.Work;

        parsed.Status.ShouldBe(WorkStatus.Released);
        work.Id.ShouldBe("RJ189758");
        work.Title.ShouldBe("意地悪な機械人形に完全支配される音声 地獄級射精禁止オナニーサポート4 ヘルエグゼキューション");
        work.Circle.ShouldBe("B-bishop");
        work.Series.ShouldBe("地獄級オナニーサポート");
        work.Authors.ShouldBe(["pawnlank7"]);
        work.ScenarioWriters.ShouldBe(["pawnlank7"]);
        work.Illustrators.ShouldBe(["Hobby"]);
        work.VoiceActors.ShouldBe(["ゅかにゃん", "柚凪", "井上果林", "大山チロル", "西浦のどか"]);
        work.Genres.ShouldBe(["ロボット/アンドロイド", "オナニー", "焦らし", "男性受け", "洗脳", "無表情"]);
        work.ReleaseDate.ShouldBe(new DateOnly(2017, 1, 4));
        work.AgeCategory.ShouldBe(AgeCategory.Adult);
        work.WorkType.ShouldBe("SOU");
        work.PriceYen.ShouldBe(1100);
        work.Description.ShouldStartWith("皆様、こんにちは。サークルB-bishopのpawnlank7と申します。\n今作は、地獄級に激しいオナニーサポート作品第4弾です。");
        work.Description.ShouldEndWith("B-bishop http://pawnlank7.blog.fc2.com");
        work.Url.ShouldBe("https://www.dlsite.com/maniax/work/=/product_id/RJ189758.html");
        work.ThumbnailUrl.ShouldBe("https://img.dlsite.jp/modpub/images2/work/doujin/RJ190000/RJ189758_img_main.jpg");
    }

    [Fact]
    public void A_picture_link_that_is_no_web_address_is_left_out_for_the_next_one_or_none()
    {
        const string slider = "data-src=\"//img.dlsite.jp/modpub/images2/work/doujin/RJ190000/RJ189758_img_main.jpg\"";
        const string og = "content=\"https://img.dlsite.jp/modpub/images2/work/doujin/RJ190000/RJ189758_img_main.jpg\"";
        var page = Fixtures.Read("dlsite-go_work_RJ189758.html").Replace(slider, "data-src=\"javascript:alert(1)\"");

        WorkPageParser.Parse(page).Work.ThumbnailUrl.ShouldBe("https://img.dlsite.jp/modpub/images2/work/doujin/RJ190000/RJ189758_img_main.jpg");
        WorkPageParser.Parse(page.Replace(og, "content=\"data:image/png;base64,AAAA\"")).Work.ThumbnailUrl.ShouldBeNull();
    }

    [Fact]
    public void A_sale_page_drops_the_sale_prefix_keeps_masked_words_and_reads_the_sale_price()
    {
        var work = WorkPageParser.Parse(Fixtures.Read("dlsite-go_work_RJ126928.html")).Work;

        work.Id.ShouldBe("RJ126928");
        work.Title.ShouldBe("まじこスハロウィン -可愛い彼女は吸血鬼!? 妖しく光る魅了の魔眼の巻-");
        work.Circle.ShouldBe("クッキーボイス");
        work.Series.ShouldBe("ハロウィンパーティー");
        work.Authors.ShouldBeEmpty();
        work.ScenarioWriters.ShouldBe(["クッキーボイス"]);
        work.Illustrators.ShouldBe(["皐月みすず"]);
        work.VoiceActors.ShouldBe(["分倍河原シホ"]);
        work.Genres.ShouldBe(["少女", "人外娘/モンスター娘", "ラブラブ/あまあま", "オカルト", "男性受け"]);
        work.ReleaseDate.ShouldBe(new DateOnly(2014, 1, 11));
        work.AgeCategory.ShouldBe(AgeCategory.Adult);
        work.WorkType.ShouldBe("SOU");
        work.PriceYen.ShouldBe(693);
        work.Description.ShouldStartWith("☆;:*:;☆;:*:;☆");
        work.Description.ShouldContain("嬉しそうにおち〇ちんが");
        work.Description.ShouldContain("キャラクター紹介");
    }

    /// <summary>The heading (and og:title) carry no sale badge, even on a sale page: a circle's own 【無料】 there is its title.</summary>
    [Fact]
    public void A_title_the_circle_begins_with_a_sale_word_is_read_whole_from_the_heading()
    {
        const string name = "意地悪な機械人形に完全支配される音声 地獄級射精禁止オナニーサポート4 ヘルエグゼキューション";
        var page = Fixtures.Read("dlsite-go_work_RJ189758.html").Replace(name, "【無料】" + name);

        WorkPageParser.Parse(page).Work.Title.ShouldBe("【無料】" + name);
    }

    /// <summary>Only the &lt;title&gt; has DLsite's badge and the circle and site after the name: a page without heading or og:title loses both.</summary>
    [Fact]
    public void A_title_read_from_the_tab_title_loses_the_sale_badge_and_the_site_name()
    {
        var page = Fixtures.Read("dlsite-go_work_RJ126928.html").Replace("id=\"work_name\"", "id=\"renamed_work_name\"").Replace("property=\"og:title\"", "property=\"og:renamed\"");

        WorkPageParser.Parse(page).Work.Title.ShouldBe("まじこスハロウィン -可愛い彼女は吸血鬼!? 妖しく光る魅了の魔眼の巻-");
    }

    /// <summary>The real page with one creator row relabelled as other pages write it: books 作家, adaptations 原作, games 原画, manga 作画, CV.</summary>
    [Theory]
    [InlineData("作者", "作家", "authors")]
    [InlineData("作者", "原作", "authors")]
    [InlineData("イラスト", "原画", "illustrators")]
    [InlineData("イラスト", "作画", "illustrators")]
    [InlineData("声優", "CV", "voice actors")]
    public void A_creator_row_is_read_into_its_role_whichever_word_labels_it(string label, string relabelled, string role)
    {
        var original = WorkPageParser.Parse(Fixtures.Read("dlsite-go_work_RJ189758.html")).Work;

        var work = WorkPageParser.Parse(Fixtures.Read("dlsite-go_work_RJ189758.html").Replace($"<th>{label}</th>", $"<th>{relabelled}</th>")).Work;

        Role(work, role).ShouldBe(Role(original, role));
        Role(work, role).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_page_with_both_an_author_and_an_original_work_row_has_both_as_authors()
    {
        var page = Fixtures.Read("dlsite-go_work_RJ189758.html")
            .Replace("<th>作者</th>", "<th>原作</th>\n<td><a href=\"https://www.dlsite.com/maniax/fsr/=/keyword_creater/%22X%22\">原作者X</a></td></tr>\n<tr><th>作者</th>");

        WorkPageParser.Parse(page).Work.Authors.ShouldBe(["pawnlank7", "原作者X"]);
    }

    /// <summary>音楽 (RJ265946's composer, Cres.) and a row no role names are in no creator list; a voice row renamed so is no voice actor.</summary>
    [Fact]
    public void A_row_with_no_role_such_as_music_is_read_into_none()
    {
        var music = WorkPageParser.Parse(Fixtures.Read("dlsite-go_work_RJ265946.html")).Work;
        var renamed = WorkPageParser.Parse(Fixtures.Read("dlsite-go_work_RJ189758.html").Replace("<th>声優</th>", "<th>音楽</th>")).Work;

        new[] { music.Authors, music.ScenarioWriters, music.Illustrators, music.VoiceActors }.SelectMany(n => n).ShouldNotContain("Cres.");
        renamed.VoiceActors.ShouldBeEmpty();
        new[] { renamed.Authors, renamed.ScenarioWriters, renamed.Illustrators }.SelectMany(n => n).ShouldNotContain("柚凪");
    }

    static IReadOnlyList<string> Role(Work work, string role) => role switch
    {
        "authors" => work.Authors,
        "illustrators" => work.Illustrators,
        _ => work.VoiceActors,
    };

    [Fact]
    public void A_non_voice_page_takes_the_work_type_link_not_the_option_icons()
    {
        var work = WorkPageParser.Parse(Fixtures.Read("dlsite-go_work_RJ265946.html")).Work;

        work.Id.ShouldBe("RJ265946");
        work.Title.ShouldBe("サキュバスアカデミア");
        work.Circle.ShouldBe("SQDT");
        work.Series.ShouldBe("サキュバスクエスト");
        work.Authors.ShouldBe(["SQDT"]);
        work.ScenarioWriters.ShouldBe(["志文 透"]);
        work.Illustrators.ShouldBe(["sion（しお）", "らい", "冬部李穏", "甘辛子"]);
        work.VoiceActors.ShouldBeEmpty();
        work.Genres.Count.ShouldBe(8);
        work.Genres[0].ShouldBe("男主人公");
        work.ReleaseDate.ShouldBe(new DateOnly(2021, 2, 26));
        work.WorkType.ShouldBe("RPG");
        work.PriceYen.ShouldBe(2970);
        work.Description.ShouldStartWith("ゲーム概要\n\n◆ストーリー");
    }

    [Fact]
    public void An_announce_page_is_announced_not_released()
    {
        var parsed = WorkPageParser.Parse(Fixtures.Read("dlsite-go_announce_RJ275695.html"));
        var work = parsed.Work;

        parsed.Status.ShouldBe(WorkStatus.Announced);
        parsed.ExpectedRelease.ShouldBe("2020年05月下旬");
        work.Id.ShouldBe("RJ275695");
        work.Title.ShouldBe("貞操帯所有者のための強制ED化調教");
        work.Circle.ShouldBe("Chastity Fancier(性的禁欲愛好家)");
        work.Series.ShouldBe("キョウカ様による調教♪");
        work.VoiceActors.ShouldBe(["琴音有波(紅月ことね)"]);
        work.Authors.ShouldBe(["#yuki#"]);
        work.Genres.ShouldBe(["マニアック/変態", "おっぱい", "ASMR", "SM", "男性受け", "アナル", "女王様/お姫様", "乳首/乳輪"]);
        work.ReleaseDate.ShouldBeNull();
        work.AgeCategory.ShouldBe(AgeCategory.Adult);
        work.WorkType.ShouldBe("SOU");
        work.Description.ShouldStartWith("☆★☆★☆★☆★☆★☆★☆★☆★\n\n『本作品のテーマ』");
        work.Url.ShouldBe("https://www.dlsite.com/maniax/announce/=/product_id/RJ275695.html");
    }

    [Fact]
    public void The_2016_layout_reads_labels_with_colon_suffixes_and_the_title_inside_a_link()
    {
        var parsed = WorkPageParser.Parse(Fixtures.Read("dlsite-go_2018_announce-layout_RJ189758.html"));
        var work = parsed.Work;

        parsed.Status.ShouldBe(WorkStatus.Announced);
        parsed.ExpectedRelease.ShouldBe("2017年01月上旬");
        work.Id.ShouldBe("RJ189758");
        work.Title.ShouldBe("意地悪な機械人形に完全支配される音声 地獄級射精禁止オナニーサポート4 ヘルエグゼキューション");
        work.Circle.ShouldBe("B-bishop");
        work.Series.ShouldBe("地獄級オナニーサポート");
        work.Genres.ShouldBe(["ロボッ娘", "オナニー", "焦らし", "男性受け", "洗脳", "無表情"]);
        work.AgeCategory.ShouldBe(AgeCategory.Adult);
        work.WorkType.ShouldBe("SOU");
        work.PriceYen.ShouldBe(1000);
        work.Description.ShouldStartWith("皆様、こんにちは。サークルB-bishopのpawnlank7と申します。");
        // og:image there is the small sample (_ana_img_sam); the main picture is #work_visual's background.
        work.ThumbnailUrl.ShouldBe("https://img.dlsite.jp/modpub/images2/ana/doujin/RJ190000/RJ189758_ana_img_main.jpg");
    }

    [Fact]
    public void A_region_blocked_page_served_with_200_is_a_typed_error()
    {
        var error = Should.Throw<CrawlException>(() => WorkPageParser.Parse(Fixtures.Read("dlsite-go_work_RJ01307318_region-blocked_EXCERPT_2025-05.html")));

        error.Kind.ShouldBe(CrawlErrorKind.RegionBlocked);
        error.Message.ShouldBe("RJ01307318: region-blocked: お住いの国・地域からは本作品は購入できません。");
    }

    /// <summary>
    /// A page cut off mid-download still has its heading and first rows: read as it is, it would be a work with one of its
    /// five voice actors and no genres, or half its description.
    /// </summary>
    [Theory]
    [InlineData("dlsite-go_work_RJ189758.html", ">柚凪<")]
    [InlineData("dlsite-go_work_RJ126928.html", "キャラクター紹介")]
    public void A_page_cut_off_mid_download_is_truncated_not_a_work_without_its_rest(string fixture, string cutAt)
    {
        var page = Fixtures.Read(fixture);
        var cut = page[..page.IndexOf(cutAt, StringComparison.Ordinal)];

        var error = Should.Throw<CrawlException>(() => WorkPageParser.Parse(cut));

        error.Kind.ShouldBe(CrawlErrorKind.Truncated);
        error.Message.ShouldBe($"the work page ends before </html> ({cut.Length} chars): cut off, not read");
    }

    /// <summary>An error box whose words run over several lines (a box with no title line, a title line broken by &lt;br&gt;) is one line of reason.</summary>
    [Theory]
    [InlineData("<p class=\"error_text\">この作品は現在\n      販売されておりません。</p>", CrawlErrorKind.Unavailable, "RJ01307318: unavailable: SORRY... この作品は現在 販売されておりません。")]
    [InlineData("<p class=\"title_text\">お住いの国・地域からは<br>\n本作品は購入できません。</p>", CrawlErrorKind.RegionBlocked, "RJ01307318: region-blocked: お住いの国・地域からは 本作品は購入できません。")]
    public void An_error_box_over_several_lines_is_a_one_line_reason(string words, CrawlErrorKind kind, string message)
    {
        var page = Fixtures.Read("dlsite-go_work_RJ01307318_region-blocked_EXCERPT_2025-05.html")
            .Replace("<p class=\"title_text\">お住いの国・地域からは本作品は購入できません。</p>", words);

        var error = Should.Throw<CrawlException>(() => WorkPageParser.Parse(page));

        error.Kind.ShouldBe(kind);
        error.Message.ShouldBe(message);
    }

    /// <summary>A withdrawn work's page redirects to a listing: the page is gone, as with a 404, and nothing is malformed.</summary>
    [Theory]
    [InlineData("m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html")]
    [InlineData("glsite_search_listing_home_asmr_2022-05.html")]
    public void A_work_page_that_turned_out_a_listing_is_not_found_not_malformed(string listing)
    {
        var error = Should.Throw<CrawlException>(() => WorkPageParser.Parse(Fixtures.Read(listing)));

        error.Kind.ShouldBe(CrawlErrorKind.NotFound);
        error.Message.ShouldContain("listing");
    }

    /// <summary>A work whose title says メンテナンス is a work: only a page without any work markup is DLsite's maintenance page.</summary>
    [Fact]
    public void A_work_titled_with_the_word_maintenance_is_a_work_not_the_maintenance_page()
    {
        var page = Fixtures.Read("dlsite-go_work_RJ189758.html").Replace("意地悪な機械人形に完全支配される音声 地獄級射精禁止オナニーサポート4 ヘルエグゼキューション", "メンテナンス中の彼女");

        WorkPageParser.Parse(page).Work.Title.ShouldBe("メンテナンス中の彼女");
    }

    [Theory]
    [InlineData("<html><body><p>hello</p></body></html>")]
    [InlineData("<html><head><link rel=canonical href='https://www.dlsite.com/maniax/work/=/product_id/RJ01000297.html'></head><body><h1 id=work_name>x</h1></body></html>")]
    public void A_page_that_is_not_a_work_page_is_a_malformed_error(string html)
    {
        Should.Throw<CrawlException>(() => WorkPageParser.Parse(html)).Kind.ShouldBe(CrawlErrorKind.Malformed);
    }

    /// <summary>With no price shown, the analytics script's price (tax excluded) is the price; a discount of 0 is no discount, not a free work.</summary>
    [Theory]
    [InlineData("", 1100)]
    [InlineData("\"discount\":0,", 1100)]
    [InlineData("\"discount\":\"\",", 1100)]
    [InlineData("\"discount\":770,", 770)]
    public void A_page_without_a_shown_price_takes_the_analytics_price_and_its_discount_only_when_there_is_one(string discount, int yen)
    {
        var page = Fixtures.Read("dlsite-go_work_RJ189758.html").Replace("class=\"price\"", "class=\"unpriced\"").Replace("\"price\":1000,", "\"price\":1000," + discount);

        WorkPageParser.Parse(page).Work.PriceYen.ShouldBe(yen);
    }
}

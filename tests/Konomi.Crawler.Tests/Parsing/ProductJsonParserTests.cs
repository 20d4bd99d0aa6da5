using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Konomi.Contracts;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

public class ProductJsonParserTests
{
    [Fact]
    public void The_2026_product_json_gives_every_structured_field()
    {
        var parsed = ProductJsonParser.Parse(Fixtures.Read("m4tsu_dlsite-product-RJ01698658.json"));
        var work = parsed.Work;

        parsed.Status.ShouldBe(WorkStatus.Released);
        work.Id.ShouldBe("RJ01698658");
        work.Title.ShouldBe("【安眠ASMR】精霊介護~Spirit“s” lullaby~ ノワール編 CV.上田麗奈【耳かき・マッサージ・子守唄】");
        work.Circle.ShouldBe("Bit grooove lab.");
        work.Series.ShouldBe("精霊介護~Spirit“s” lullaby~");
        work.Authors.ShouldBeEmpty();
        work.ScenarioWriters.ShouldBe(["chill"]);
        work.Illustrators.ShouldBe(["肉丸"]);
        work.VoiceActors.ShouldBe(["上田麗奈"]);
        work.Genres.ShouldBe(["ASMR", "癒し", "健全", "バイノーラル/ダミヘ", "ファンタジー", "マッサージ", "耳かき"]);
        work.ReleaseDate.ShouldBe(new DateOnly(2026, 8, 22));
        work.AgeCategory.ShouldBe(AgeCategory.AllAges);
        work.WorkType.ShouldBe("SOU");
        work.PriceYen.ShouldBe(1584);
        work.Description.ShouldStartWith("現代日本に住む主人公は、『野辺山高原』を訪れていた。");
        work.Url.ShouldBe("https://www.dlsite.com/home/work/=/product_id/RJ01698658.html");
        work.ThumbnailUrl.ShouldBe("https://img.dlsite.jp/modpub/images2/work/doujin/RJ01699000/RJ01698658_img_main.jpg");
        work.Popularity.ShouldBe(new Popularity(null, null, 4.89, 112));
    }

    [Theory]
    [InlineData("/modpub/images2/work/doujin/RJ01699000/RJ01698658_img_main.jpg", "https://www.dlsite.com/modpub/images2/work/doujin/RJ01699000/RJ01698658_img_main.jpg")]
    [InlineData("javascript:alert(document.cookie)", null)]
    [InlineData("data:image/png;base64,AAAA", null)]
    public void A_picture_path_is_made_absolute_and_a_link_that_is_no_web_address_left_out(string written, string? thumbnail)
    {
        var product = JsonNode.Parse(Fixtures.Read("m4tsu_dlsite-product-RJ01698658.json"))!.AsArray();
        product[0]!["image_main"] = new JsonObject { ["url"] = written };

        ProductJsonParser.Parse(product.ToJsonString()).Work.ThumbnailUrl.ShouldBe(thumbnail);
    }

    [Fact]
    public void A_translated_edition_is_told_by_its_translation_info_and_names_its_original()
    {
        var fixture = Fixtures.Read("m4tsu_dlsite-product-RJ01698658.json");

        var original = ProductJsonParser.Parse(fixture);
        var edition = ProductJsonParser.Parse(Crawling.OddWorkTests.Rewrite(fixture, "translation_info", Crawling.TranslationTests.ChildEdition));

        original.IsTranslation.ShouldBeFalse();
        edition.IsTranslation.ShouldBeTrue();
        edition.OriginalWork.ShouldBe("RJ01000297");
    }

    [Fact]
    public void A_regist_date_written_in_UTC_is_the_release_day_in_Japan()
    {
        var json = Fixtures.Read("m4tsu_dlsite-product-RJ01698658.json").Replace("\"2026-08-22 00:00:00\"", "\"2026-08-21T15:00:00.000000Z\"");

        ProductJsonParser.Parse(json).Work.ReleaseDate.ShouldBe(new DateOnly(2026, 8, 22));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"unknown\"")]
    public void A_product_json_without_a_known_age_takes_its_floor_s_age_not_R18(string age)
    {
        var json = Regex.Replace(Fixtures.Read("m4tsu_dlsite-product-RJ01698658.json"), @"""age_category(_string)?"":\s*(""[^""]*""|\d+)", m => $"\"age_category{m.Groups[1].Value}\": {age}");

        ProductJsonParser.Parse(json).Work.AgeCategory.ShouldBe(AgeCategory.AllAges);
        ProductJsonParser.Parse(json.Replace("\"site_id\":\"home\"", "\"site_id\":\"maniax\"")).Work.AgeCategory.ShouldBe(AgeCategory.Adult);
    }

    [Fact]
    public void A_hand_edited_product_json_with_string_codes_and_no_series_still_parses()
    {
        var work = ProductJsonParser.Parse(Fixtures.Read("bk927_product_api_RJ403038_partly-synthetic.json")).Work;

        work.Id.ShouldBe("RJ403038");
        work.Title.ShouldBe("【ブルーアーカイブ】ユウカASMR～頑張るあなたのすぐそばに～");
        work.Circle.ShouldBe("Yostar");
        work.Series.ShouldBeNull();
        work.Authors.ShouldBe(["Yostar"]);
        work.VoiceActors.ShouldBe(["春花らん"]);
        work.Genres.ShouldBe(["ASMR", "学校/学園"]);
        work.ReleaseDate.ShouldBe(new DateOnly(2022, 7, 17));
        work.AgeCategory.ShouldBe(AgeCategory.AllAges);
        work.PriceYen.ShouldBe(880);
        work.Description.ShouldBe("ユウカが頑張るあなたを癒してくれます。");
        work.Url.ShouldBe("https://www.dlsite.com/maniax/work/=/product_id/RJ403038.html");
    }

    /// <summary>
    /// DLsite puts its sale badges on the page's &lt;title&gt; only (the real fixture is 20% off and its work_name has none), so a
    /// free work the circle named 【無料】… is named so on DLsite and in Konomi.
    /// </summary>
    [Theory]
    [InlineData("【無料】")]
    [InlineData("【セール記念】【30%OFF】")]
    public void A_title_the_circle_begins_with_a_sale_word_is_stored_whole(string prefix)
    {
        const string name = "【安眠ASMR】精霊介護~Spirit“s” lullaby~ ノワール編 CV.上田麗奈【耳かき・マッサージ・子守唄】";
        var json = Fixtures.Read("m4tsu_dlsite-product-RJ01698658.json").Replace("\"work_name\":\"", $"\"work_name\":\"{prefix}")
            .Replace("\"price\":1584", "\"price\":0");

        var work = ProductJsonParser.Parse(json).Work;

        work.Title.ShouldBe(prefix + name);
        work.PriceYen.ShouldBe(0);
    }

    [Fact]
    public void Voice_actors_packed_as_A_bar_B_and_numbers_as_strings_are_read()
    {
        var json = """[{"workno":"RJ01000297","work_name":"耳かき","maker_name":"c","age_category":"3","price":"1,320","site_id":"maniax","is_ana":false,"creaters":{"voice_by":[{"name":"上田麗奈|春花らん"}]},"regist_date":"2023-01-21 16:00:00"}]""";

        var work = ProductJsonParser.Parse(json).Work;

        work.Id.ShouldBe("RJ01000297");
        work.Title.ShouldBe("耳かき");
        work.VoiceActors.ShouldBe(["上田麗奈", "春花らん"]);
        work.PriceYen.ShouldBe(1320);
        work.AgeCategory.ShouldBe(AgeCategory.Adult);
        work.ReleaseDate.ShouldBe(new DateOnly(2023, 1, 21));
    }

    [Theory]
    [InlineData("[]", CrawlErrorKind.NotFound)]
    [InlineData("[{\"work_name\":\"x\"}]", CrawlErrorKind.Malformed)]
    [InlineData("[{\"workno\":\"RJ01000297\"", CrawlErrorKind.Malformed)]
    public void Json_without_a_work_is_a_typed_error(string json, CrawlErrorKind kind)
    {
        Should.Throw<CrawlException>(() => ProductJsonParser.Parse(json)).Kind.ShouldBe(kind);
    }

    [Fact]
    public void Product_info_gives_the_popularity_counts_by_work_id()
    {
        var popularity = ProductInfoParser.Parse(Fixtures.Read("bk927_product_info_ajax_RJ01017217_partly-synthetic.json"));

        popularity.ShouldBe(new Dictionary<string, Popularity> { ["RJ01017217"] = new(15000, 5234, 4.72, 570) });
    }

    /// <summary>A sale date or age product.json writes in a form Konomi does not read is left to the page or the floor, and named.</summary>
    [Fact]
    public void A_regist_date_or_age_that_does_not_read_is_named_as_unread()
    {
        var product = JsonNode.Parse(Fixtures.Read("m4tsu_dlsite-product-RJ01698658.json"))!.AsArray()[0]!.AsObject();
        product["regist_date"] = "2026年秋";
        product["age_category"] = 9;
        product["age_category_string"] = "teen";

        var parsed = ProductJsonParser.Parse(new JsonArray(product.DeepClone()).ToJsonString());

        parsed.Work.ReleaseDate.ShouldBeNull();
        parsed.Work.AgeCategory.ShouldBe(AgeCategory.AllAges, "the home floor's age");
        parsed.Unread.ShouldBe(["releaseDate \"2026年秋\"", "ageCategory \"9\""]);
    }
}

using System.Text.Json;
using Konomi.Contracts;

namespace Konomi.Contracts.Tests;

public class WorkJsonTests
{
    const string Valid = """{"id":"RJ01000001","title":"耳かき","url":"https://www.dlsite.com/maniax/work/=/product_id/RJ01000001.html"}""";

    static string With(string field) => Valid[..^1] + "," + field + "}";

    [Theory]
    [InlineData("\"genres\":null", "genres must be a list of texts, not null")]
    [InlineData("\"circle\":null", "circle must be a text, not null")]
    [InlineData("\"voiceActors\":null", "voiceActors must be a list of texts, not null")]
    [InlineData("\"description\":null", "description must be a text, not null")]
    [InlineData("\"genres\":\"ASMR\"", "genres must be a list of texts")]
    [InlineData("\"priceYen\":\"880円\"", "priceYen must be a whole number")]
    [InlineData("\"releaseDate\":\"next week\"", "releaseDate must be a date like 2026-08-22")]
    [InlineData("\"ageCategory\":\"teen\"", "ageCategory must be one of all-ages, r15, adult")]
    [InlineData("\"ageCategory\":2", "ageCategory must be one of all-ages, r15, adult")]
    [InlineData("\"genres\":[1,2]", "genres[0] must be a text")]
    [InlineData("\"genres\":[\"ASMR\",null]", "genres[1] must be a text, not null")]
    [InlineData("\"popularity\":{\"sales\":\"lots\"}", "popularity.sales must be a whole number")]
    [InlineData("\"popularity\":{\"ratingAverage\":\"high\"}", "popularity.ratingAverage must be a number")]
    public void A_wrong_field_is_refused_by_name(string field, string problem)
    {
        var (work, why) = WorkJson.Read(With(field));

        work.ShouldBeNull();
        why.ShouldBe(problem);
    }

    [Theory]
    [InlineData("\"priceYen\":-1", "priceYen must be 0 or more, not -1")]
    [InlineData("\"popularity\":{\"sales\":-5}", "popularity.sales must be 0 or more, not -5")]
    [InlineData("\"popularity\":{\"wishlist\":-1}", "popularity.wishlist must be 0 or more, not -1")]
    [InlineData("\"popularity\":{\"ratingCount\":-2}", "popularity.ratingCount must be 0 or more, not -2")]
    [InlineData("\"popularity\":{\"ratingAverage\":\"NaN\"}", "popularity.ratingAverage must be a number from 0 to 5, not NaN")]
    [InlineData("\"popularity\":{\"ratingAverage\":\"Infinity\"}", "popularity.ratingAverage must be a number from 0 to 5, not Infinity")]
    [InlineData("\"popularity\":{\"ratingAverage\":\"-Infinity\"}", "popularity.ratingAverage must be a number from 0 to 5, not -Infinity")]
    [InlineData("\"popularity\":{\"ratingAverage\":45}", "popularity.ratingAverage must be a number from 0 to 5, not 45")]
    [InlineData("\"popularity\":{\"ratingAverage\":-0.5}", "popularity.ratingAverage must be a number from 0 to 5, not -0.5")]
    public void A_price_count_or_rating_out_of_range_is_refused_by_name(string field, string problem) =>
        WorkJson.Read(With(field)).ShouldBe((null, problem));

    [Fact]
    public void Zero_counts_a_free_work_and_ratings_from_0_to_5_are_taken()
    {
        WorkJson.Read(With("\"priceYen\":0,\"popularity\":{\"sales\":0,\"wishlist\":0,\"ratingCount\":0,\"ratingAverage\":0}")).Problem.ShouldBeNull();
        WorkJson.Read(With("\"popularity\":{\"ratingAverage\":5}")).Work!.Popularity!.RatingAverage.ShouldBe(5);
    }

    [Theory]
    [InlineData("""{"title":"耳かき","url":"https://x"}""", "id is missing")]
    [InlineData("""{"id":" ","title":"耳かき","url":"https://x"}""", "id is empty")]
    [InlineData("""{"id":"  RJ5 ","title":"耳かき","url":"https://x"}""", "id '  RJ5 ' has spaces around it")]
    [InlineData("""{"id":"RJ01000001","title":null,"url":"https://x"}""", "title must be a text, not null")]
    [InlineData("""{"id":"RJ01000001","title":"耳かき"}""", "url is missing")]
    [InlineData("""{"id":"RJ05\nRJ06","title":"耳かき","url":"https://x"}""", "id \"RJ05\\nRJ06\" has a control character (a line break, a tab) in it")]
    [InlineData("""[1,2]""", "expected a JSON object (one work)")]
    public void A_missing_or_empty_required_field_is_refused_by_name(string json, string problem) =>
        WorkJson.Read(json).Problem.ShouldBe(problem);

    [Fact]
    public void A_work_id_too_long_for_a_slack_button_is_refused_saying_how_long_one_may_be()
    {
        var id = "RJ" + new string('1', 63);

        WorkJson.Read($$"""{"id":"{{id}}","title":"耳かき","url":"https://x"}""").Problem
            .ShouldBe("id 'RJ11111111111111…' is 65 characters: a work id is at most 64 (DLsite's are RJ and 8 digits)");
        WorkJson.Read($$"""{"id":"{{id[..64]}}","title":"耳かき","url":"https://x"}""").Work.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("RJ01 000001")]
    [InlineData("RJ01000001,RJ01000002")]
    [InlineData("RJ01\u3000000001")]  // an ideographic space, as a Japanese keyboard types it
    public void A_work_id_with_a_comma_or_a_space_is_refused_since_the_web_and_Slack_split_ids_on_them(string id) =>
        WorkJson.Read($$"""{"id":"{{id}}","title":"耳かき","url":"https://x"}""").Problem
            .ShouldBe($"id '{id}' has a comma or a space in it: a work id is one word (DLsite's are RJ and 8 digits)");

    [Theory]
    [InlineData("title", 1_000, "title is 1,001 characters: at most 1,000")]
    [InlineData("description", 100_000, "description is 100,001 characters: at most 100,000")]
    [InlineData("circle", 200, "circle is 201 characters: at most 200")]
    [InlineData("url", 2_000, "url is 2,001 characters: at most 2,000")]
    public void A_text_field_longer_than_any_DLsite_work_is_refused_naming_field_and_limit(string field, int max, string problem)
    {
        var fields = new Dictionary<string, string> { ["id"] = "RJ01000001", ["title"] = "耳かき", ["url"] = "https://x/" };
        fields[field] = fields.GetValueOrDefault(field, "") + new string('a', max - fields.GetValueOrDefault(field, "").Length);
        WorkJson.Read(JsonSerializer.Serialize(fields)).Problem.ShouldBeNull();

        fields[field] += "a";
        WorkJson.Read(JsonSerializer.Serialize(fields)).Problem.ShouldBe(problem);
    }

    [Fact]
    public void A_list_with_more_entries_or_longer_entries_than_any_DLsite_work_is_refused_naming_the_entry()
    {
        WorkJson.Read(With($"\"genres\":[{string.Join(",", Enumerable.Repeat("\"ASMR\"", 200))}]")).Problem.ShouldBeNull();
        WorkJson.Read(With($"\"genres\":[{string.Join(",", Enumerable.Repeat("\"ASMR\"", 201))}]")).Problem.ShouldBe("genres has 201 entries: at most 200");
        WorkJson.Read(With($"\"voiceActors\":[\"a\",\"{new string('b', 201)}\"]")).Problem.ShouldBe("voiceActors[1] is 201 characters: at most 200");
    }

        [Theory]
    [InlineData("""{"id":"RJ01000001","title":"耳かき","url":"https://x","title":null}""", "title is given twice")]
    [InlineData("""{"id":"RJ01000001","title":"耳かき","url":"https://x","Id":" RJ5 "}""", "id is given twice (as id and Id)")]
    public void A_field_given_twice_is_refused_since_the_reader_would_keep_the_unchecked_one(string json, string problem) =>
        WorkJson.Read(json).Problem.ShouldBe(problem);

    [Theory]
    [InlineData("""{"id":"RJ01000001","title":"耳かき","url":"javascript:alert(document.cookie)"}""", "url must be a web address (http:// or https://), not 'javascript:alert(document.cookie)'")]
    [InlineData("""{"id":"RJ01000001","title":"耳かき","url":"RJ01000001.html"}""", "url must be a web address (http:// or https://), not 'RJ01000001.html'")]
    [InlineData("""{"id":"RJ01000001","title":"耳かき","url":"https://x","thumbnailUrl":"data:image/svg+xml,<svg onload=alert(1)>"}""", "thumbnailUrl must be a web address (http:// or https://), not 'data:image/svg+xml,<svg onload=alert(1)>'")]
    public void A_link_that_is_no_web_address_is_refused_since_the_web_app_and_Slack_show_it_as_a_link(string json, string problem) =>
        WorkJson.Read(json).Problem.ShouldBe(problem);

    [Fact]
    public void Web_addresses_are_taken()
    {
        WorkJson.Read("""{"id":"RJ01000001","title":"耳かき","url":"http://127.0.0.1:5123/work/RJ01000001.html","thumbnailUrl":"https://img.dlsite.jp/a.jpg"}""").Problem.ShouldBeNull();
    }

    [Fact]
    public void Truncated_JSON_is_refused_without_a_type_name()
    {
        var problem = WorkJson.Read("""{"id":"RJ01000001","title":""").Problem!;

        problem.ShouldStartWith("not valid JSON");
        problem.ShouldNotContain("Konomi.");
        problem.ShouldNotContain("System.");
    }

    [Theory]
    [InlineData("all-ages", AgeCategory.AllAges)]
    [InlineData("ALL-AGES", AgeCategory.AllAges)]
    [InlineData("AllAges", AgeCategory.AllAges)]
    [InlineData("all_ages", AgeCategory.AllAges)]
    [InlineData("R15", AgeCategory.R15)]
    [InlineData("adult", AgeCategory.Adult)]
    public void Enum_names_are_read_in_any_case(string name, AgeCategory expected) =>
        WorkJson.Read(With($"\"ageCategory\":\"{name}\"")).Work!.AgeCategory.ShouldBe(expected);

    [Fact]
    public void A_work_is_written_with_enum_names_as_parse_prints_them_and_Japanese_unescaped()
    {
        var work = WorkJson.Read(With("\"ageCategory\":\"r15\",\"circle\":\"【安眠】サークル\",\"releaseDate\":\"2026-08-22\"")).Work!;

        var json = WorkJson.Write(work);

        json.ShouldContain("\"ageCategory\":\"r15\"");
        json.ShouldContain("\"circle\":\"【安眠】サークル\"");
        json.ShouldContain("\"releaseDate\":\"2026-08-22\"");
        WorkJson.Write(WorkJson.Read(json).Work!).ShouldBe(json);
    }
}

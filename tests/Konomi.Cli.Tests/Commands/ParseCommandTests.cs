using System.Text.Json;
using System.Text.Json.Nodes;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi parse</c> process on the saved DLsite pages in ../shared/fixtures/dlsite.</summary>
public class ParseCommandTests
{
    static Task<BuiltProgram.Result> ParseAsync(string file) => KonomiCli.RunAsync(["parse", file], ct: TestContext.Current.CancellationToken);

    static string Fixture(string name) => Repository.Fixture(Path.Combine("dlsite", name));

    [Fact]
    public async Task An_empty_folder_exits_1_saying_it_holds_no_files()
    {
        var empty = Directory.CreateTempSubdirectory("konomi-parse-empty-").FullName;

        var result = await ParseAsync(empty);

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe($"konomi: {empty}: the folder holds no files to parse");
    }

    [Fact]
    public async Task A_work_page_prints_the_work_as_camel_case_json()
    {
        var result = await ParseAsync(Fixture("dlsite-go_work_RJ189758.html"));

        result.ExitCode.ShouldBe(0, result.Error);
        var work = JsonDocument.Parse(result.Output).RootElement;
        work.GetProperty("id").GetString().ShouldBe("RJ189758");
        work.GetProperty("title").GetString().ShouldBe("意地悪な機械人形に完全支配される音声 地獄級射精禁止オナニーサポート4 ヘルエグゼキューション");
        work.GetProperty("circle").GetString().ShouldBe("B-bishop");
        work.GetProperty("series").GetString().ShouldBe("地獄級オナニーサポート");
        work.GetProperty("authors").EnumerateArray().Select(a => a.GetString()).ShouldBe(["pawnlank7"]);
        work.GetProperty("scenarioWriters").EnumerateArray().Select(a => a.GetString()).ShouldBe(["pawnlank7"]);
        work.GetProperty("illustrators").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Hobby"]);
        work.GetProperty("voiceActors").GetArrayLength().ShouldBe(5);
        work.GetProperty("genres").GetArrayLength().ShouldBe(6);
        work.GetProperty("releaseDate").GetString().ShouldBe("2017-01-04");
        work.GetProperty("ageCategory").GetString().ShouldBe("adult");
        work.GetProperty("workType").GetString().ShouldBe("SOU");
        work.GetProperty("description").GetString().ShouldStartWith("皆様、こんにちは。");
        work.GetProperty("priceYen").GetInt32().ShouldBe(1100);
        work.GetProperty("url").GetString().ShouldBe("https://www.dlsite.com/maniax/work/=/product_id/RJ189758.html");
    }

    [Fact]
    public async Task A_product_json_prints_the_work_with_null_series_when_there_is_none()
    {
        var result = await ParseAsync(Fixture("bk927_product_api_RJ403038_partly-synthetic.json"));

        result.ExitCode.ShouldBe(0, result.Error);
        var work = JsonDocument.Parse(result.Output).RootElement;
        work.GetProperty("id").GetString().ShouldBe("RJ403038");
        work.GetProperty("series").ValueKind.ShouldBe(JsonValueKind.Null);
        work.GetProperty("ageCategory").GetString().ShouldBe("all-ages");
        work.GetProperty("releaseDate").GetString().ShouldBe("2022-07-17");
    }

    [Fact]
    public async Task A_listing_prints_an_array_of_id_title_and_circle()
    {
        var result = await ParseAsync(Fixture("glsite_search_listing_home_asmr_2022-05.html"));

        result.ExitCode.ShouldBe(0, result.Error);
        var works = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
        works.Select(w => w.GetProperty("id").GetString()).ShouldBe(["RJ387206", "RJ385913"]);
        works[0].GetProperty("title").GetString().ShouldBe("【アズールレーン】指揮官を癒やし隊！・綾波とゆっくり過ごす約1日間【ASMR】");
        works[0].GetProperty("circle").GetString().ShouldBe("アトリエメール");
    }

    [Fact]
    public async Task An_announce_page_prints_the_work_as_announced_without_a_release_date()
    {
        var result = await ParseAsync(Fixture("dlsite-go_announce_RJ275695.html"));

        result.ExitCode.ShouldBe(0, result.Error);
        var work = JsonDocument.Parse(result.Output).RootElement;
        work.GetProperty("status").GetString().ShouldBe("announced");
        work.GetProperty("expectedRelease").GetString().ShouldBe("2020年05月下旬");
        work.GetProperty("releaseDate").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("dlsite-go_work_RJ01307318_region-blocked_EXCERPT_2025-05.html", "RJ01307318: region-blocked: お住いの国・地域からは本作品は購入できません。")]
    [InlineData("PROVENANCE.md", "not a DLsite work page, listing page, product.json or product info response")]
    public async Task A_page_it_cannot_parse_exits_non_zero_with_a_one_line_reason(string fixture, string reason)
    {
        var result = await ParseAsync(Fixture(fixture));

        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldBeEmpty();
        result.Error.TrimEnd().ShouldNotContain('\n');
        result.Error.ShouldContain(reason);
    }

    [Fact]
    public async Task A_saved_challenge_page_exits_non_zero_saying_it_is_a_challenge_not_dlsite_s_page()
    {
        var work = File.ReadAllText(Fixture("dlsite-go_work_RJ189758.html"));
        var saved = Path.Combine(Directory.CreateTempSubdirectory("konomi-parse-").FullName, "RJ189758.html");
        // DLsite's head kept, the body a captcha: what a browser saves when a challenge stood in for the work page.
        File.WriteAllText(saved, work[..work.IndexOf("<body", StringComparison.Ordinal)] + "<body><form><div class=\"g-recaptcha\"></div></form></body></html>");

        var result = await ParseAsync(saved);

        result.ExitCode.ShouldNotBe(0);
        result.Error.TrimEnd().ShouldNotContain('\n');
        result.Error.ShouldContain("the saved page is a bot challenge or captcha, not DLsite's page");
    }

    /// <summary>A download cut off in the 声優 row, and one cut before any work markup: neither is read as a work.</summary>
    [Theory]
    [InlineData(">柚凪<", "the work page ends before </html>")]
    [InlineData("<body", "the saved page ends before </html>")]
    public async Task A_saved_page_cut_off_mid_download_exits_1_saying_it_was_cut_off(string cutAt, string reason)
    {
        var work = File.ReadAllText(Fixture("dlsite-go_work_RJ189758.html"));
        var saved = Path.Combine(Directory.CreateTempSubdirectory("konomi-parse-").FullName, "RJ189758.html");
        File.WriteAllText(saved, work[..work.IndexOf(cutAt, StringComparison.Ordinal)]);

        var result = await ParseAsync(saved);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldBeEmpty();
        result.Error.TrimEnd().ShouldNotContain('\n');
        result.Error.ShouldContain(reason);
        result.Error.ShouldContain("cut off, not read");
    }

    [Fact]
    public async Task Every_fixture_but_the_region_blocked_one_parses()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(Fixture("PROVENANCE.md"))!)
            .Where(f => !f.EndsWith(".md") && !f.Contains("region-blocked"));

        foreach (var file in files)
            (await ParseAsync(file)).ExitCode.ShouldBe(0, file);
    }

    [Fact]
    public async Task Parse_jsonl_of_the_saved_folder_imports_as_is_each_work_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.GetDirectoryName(Fixture("PROVENANCE.md"))!;

        var parsed = await KonomiCli.RunAsync(["parse", folder, "--jsonl"], ct: ct);
        var imported = await KonomiCli.RunAsync(["works", "import", "-", "--data-dir", WorkFormatTests.NewDataDir()], standardInput: parsed.Output, ct: ct);

        parsed.ExitCode.ShouldBe(0, parsed.Error);
        var works = parsed.Output.Trim().Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        works.ShouldAllBe(w => w.ValueKind == JsonValueKind.Object);
        var ids = works.Select(w => w.GetProperty("id").GetString()).ToList();
        ids.ShouldBeUnique();
        ids.ShouldContain("RJ387206"); // from the 2022 listing, on a line of its own
        ids.ShouldNotContain("RJ01017217"); // product info: popularity only
        // Only its announce page was saved: not on sale, so left for the crawler to announce on its release.
        ids.ShouldNotContain("RJ275695");
        parsed.Error.ShouldContain("dlsite-go_announce_RJ275695.html: left out: not on sale yet (RJ275695); the crawler announces it when DLsite releases it");
        // Saved as its 2018 announce page and as its work page: the work page is printed.
        works.Single(w => w.GetProperty("id").GetString() == "RJ189758").GetProperty("status").GetString().ShouldBe("released");
        parsed.Error.ShouldContain("bk927_product_info_ajax_RJ01017217_partly-synthetic.json: left out: product info holds popularity counts only (RJ01017217), not works");
        parsed.Error.ShouldContain("dlsite-go_2018_announce-layout_RJ189758.html: left out as a duplicate: RJ189758 (printed from dlsite-go_work_RJ189758.html: the released work tells more than the announced work)");
        imported.ExitCode.ShouldBe(0, imported.Error);
        imported.Output.ShouldContain($"imported {ids.Count} new works");
    }

    [Fact]
    public async Task Parse_jsonl_prints_a_listings_works_in_the_work_format_with_the_age_of_their_floor()
    {
        var result = await KonomiCli.RunAsync(["parse", Fixture("glsite_search_listing_home_asmr_2022-05.html"), "--jsonl"], ct: TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.Error);
        var works = result.Output.Trim().Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        works.Select(w => w.GetProperty("id").GetString()).ShouldBe(["RJ387206", "RJ385913"]);
        works[0].GetProperty("ageCategory").GetString().ShouldBe("all-ages"); // a /home/ work
        works[0].GetProperty("genres").GetArrayLength().ShouldBe(0);
        works[0].TryGetProperty("author", out _).ShouldBeFalse(); // the listing does not say whose role it is
    }
    /// <summary>Kept to the rules <c>works import</c> reads by, as the crawler keeps its works: the file imports whole.</summary>
    [Fact]
    public async Task Parse_jsonl_cuts_a_description_past_its_cap_and_refuses_a_page_with_a_value_no_work_may_have_so_the_file_imports()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("konomi-parse-").FullName;
        // The real page with 150,000 more characters of description, and a real product.json whose name is blank.
        File.WriteAllText(Path.Combine(folder, "RJ189758.html"), File.ReadAllText(Fixture("dlsite-go_work_RJ189758.html"))
            .Replace("皆様、こんにちは。", "皆様、こんにちは。" + new string('あ', 150_000)));
        var product = JsonNode.Parse(File.ReadAllText(Fixture("m4tsu_dlsite-product-RJ01698658.json")))!.AsArray();
        product[0]!["work_name"] = " ";
        File.WriteAllText(Path.Combine(folder, "RJ01698658.json"), product.ToJsonString());

        var parsed = await KonomiCli.RunAsync(["parse", folder, "--jsonl"], ct: ct);
        var imported = await KonomiCli.RunAsync(["works", "import", "-", "--data-dir", WorkFormatTests.NewDataDir()], standardInput: parsed.Output, ct: ct);

        parsed.ExitCode.ShouldBe(0, parsed.Error);
        var work = JsonDocument.Parse(parsed.Output.Trim()).RootElement;
        work.GetProperty("id").GetString().ShouldBe("RJ189758");
        work.GetProperty("description").GetString()!.Length.ShouldBe(100_000);
        parsed.Error.ShouldMatch(@"RJ189758\.html: RJ189758: description is 15\d,\d{3} characters: at most 100,000: cut to it");
        parsed.Error.ShouldContain("RJ01698658.json: RJ01698658: a value no work may have: title is empty");
        imported.ExitCode.ShouldBe(0, imported.Error);
        imported.Output.ShouldContain("imported 1 new work");
    }

    /// <summary>A row the page shows in a form Konomi does not read is said on stderr, naming the work and field; the work is printed all the same.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_page_with_a_field_that_does_not_read_prints_the_work_and_names_the_field_on_stderr(bool jsonl)
    {
        var folder = Directory.CreateTempSubdirectory("konomi-parse-").FullName;
        var page = Path.Combine(folder, "RJ189758.html");
        File.WriteAllText(page, File.ReadAllText(Fixture("dlsite-go_work_RJ189758.html")).Replace(">2017年01月04日</a></td>", ">近日公開</a></td>"));

        var result = await KonomiCli.RunAsync(jsonl ? ["parse", page, "--jsonl"] : ["parse", page], ct: TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.Error);
        var work = JsonDocument.Parse(result.Output.Trim()).RootElement;
        // The page's analytics script gives the day the row does not.
        work.GetProperty("releaseDate").GetString().ShouldBe("2017-01-04");
        result.Error.Trim().ShouldBe($"{page}: RJ189758: shows releaseDate \"近日公開\" in a form Konomi does not read: left empty or taken from elsewhere");
    }
}

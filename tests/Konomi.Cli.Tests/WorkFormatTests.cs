using System.Text.Json.Nodes;
using Konomi.Testing;

namespace Konomi.Cli.Tests;

/// <summary>One Work JSON: what <c>konomi parse</c> prints is what <c>works import</c>, <c>score --work</c> and export read and write.</summary>
public class WorkFormatTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parse_output_piped_into_works_import_round_trips_through_export()
    {
        var page = Repository.Fixture("dlsite/dlsite-go_work_RJ189758.html");
        var dataDir = NewDataDir();
        var parsed = await KonomiCli.RunAsync(["parse", page], ct: Ct);
        parsed.ExitCode.ShouldBe(0, parsed.Error);

        var imported = await KonomiCli.RunAsync(["works", "import", "-", "--data-dir", dataDir], standardInput: parsed.Output, ct: Ct);
        var exportFile = Path.Combine(dataDir, "works.jsonl");
        var exported = await KonomiCli.RunAsync(["works", "export", exportFile, "--data-dir", dataDir], ct: Ct);

        imported.ExitCode.ShouldBe(0, imported.Error);
        imported.Output.ShouldContain("imported 1 new works");
        exported.ExitCode.ShouldBe(0, exported.Error);
        var line = File.ReadAllText(exportFile).Trim();
        var work = JsonNode.Parse(parsed.Output)!.AsObject();
        work.Remove("status");
        work.Remove("expectedRelease");
        JsonNode.DeepEquals(JsonNode.Parse(line), work).ShouldBeTrue($"parse: {work}\nexport: {line}");
        line.ShouldContain("\"ageCategory\":\"");
        line.ShouldContain("意地悪な機械人形");
        line.ShouldNotMatch(@"\\u30[4-9A-F]"); // kana are written as themselves (U+3000, a space, stays escaped)
    }

    [Fact]
    public async Task Parse_of_a_folder_with_jsonl_writes_an_import_file_in_one_step()
    {
        var folder = Directory.CreateTempSubdirectory("konomi-pages-").FullName;
        foreach (var name in new[] { "dlsite-go_work_RJ189758.html", "dlsite-go_work_RJ265946.html", "dlsite-go_work_RJ126928.html" })
            File.Copy(Repository.Fixture("dlsite/" + name), Path.Combine(folder, name));

        var parsed = await KonomiCli.RunAsync(["parse", folder, "--jsonl"], ct: Ct);
        var imported = await KonomiCli.RunAsync(["works", "import", "-", "--data-dir", NewDataDir()], standardInput: parsed.Output, ct: Ct);

        parsed.ExitCode.ShouldBe(0, parsed.Error);
        parsed.Output.Trim().Split('\n').Length.ShouldBe(3);
        imported.ExitCode.ShouldBe(0, imported.Error);
        imported.Output.ShouldContain("imported 3 new works");
    }

    [Theory]
    [InlineData("genres", "genres must be a list of texts, not null")]
    [InlineData("circle", "circle must be a text, not null")]
    public async Task A_null_field_is_refused_with_the_line_and_the_field_and_nothing_is_stored(string field, string problem)
    {
        var dataDir = NewDataDir();
        (await KonomiCli.RunAsync(["users", "add", "me", "--data-dir", dataDir], ct: Ct)).ExitCode.ShouldBe(0);
        var file = Path.Combine(dataDir, "works.jsonl");
        File.WriteAllLines(file,
        [
            """{"id":"RJ01000001","title":"耳かき","url":"https://x/1"}""",
            $$"""{"id":"RJ01000002","title":"添い寝","url":"https://x/2","{{field}}":null}""",
        ]);

        var imported = await KonomiCli.RunAsync(["works", "import", file, "--data-dir", dataDir], ct: Ct);
        var exported = await KonomiCli.RunAsync(["works", "export", Path.Combine(dataDir, "out.jsonl"), "--data-dir", dataDir], ct: Ct);

        imported.ExitCode.ShouldBe(1);
        imported.Error.ShouldContain($"works.jsonl: line 2: {problem}");
        imported.Error.ShouldNotContain("   at ");
        exported.Output.ShouldContain("exported 0 works");
    }

    [Fact]
    public async Task Score_reads_the_work_that_parse_prints()
    {
        var dataDir = NewDataDir();
        var workFile = Path.Combine(dataDir, "work.json");
        var parsed = await KonomiCli.RunAsync(["parse", Repository.Fixture("dlsite/dlsite-go_work_RJ189758.html")], ct: Ct);
        File.WriteAllText(workFile, parsed.Output.Replace("\"ageCategory\":\"adult\"", "\"ageCategory\":\"ADULT\""));
        (await KonomiCli.RunAsync(["users", "add", "me", "--data-dir", dataDir], ct: Ct)).ExitCode.ShouldBe(0);

        var scored = await KonomiCli.RunAsync(["score", "--work", workFile, "--data-dir", dataDir], ct: Ct);

        scored.ExitCode.ShouldBe(0, scored.Error);
        scored.Output.ShouldContain("RJ189758");
    }

    [Fact]
    public async Task Score_refuses_a_work_file_that_is_not_utf8_and_a_folder_naming_each()
    {
        var dataDir = NewDataDir();
        (await KonomiCli.RunAsync(["users", "add", "me", "--data-dir", dataDir], ct: Ct)).ExitCode.ShouldBe(0);
        var workFile = Path.Combine(dataDir, "work.json");
        // The title 耳かき in Shift_JIS, as a Windows editor saves it: scored, it would be replacement characters.
        File.WriteAllBytes(workFile, [.. "{\"id\":\"RJ01000001\",\"url\":\"https://x\",\n\"title\":\""u8, 0x8E, 0xA8, 0x82, 0xA9, 0x82, 0xAB, .. "\"}"u8]);

        var notUtf8 = await KonomiCli.RunAsync(["score", "--work", workFile, "--data-dir", dataDir], ct: Ct);
        var folder = await KonomiCli.RunAsync(["score", "--work", dataDir, "--data-dir", dataDir], ct: Ct);

        (notUtf8.ExitCode, folder.ExitCode).ShouldBe((1, 1));
        notUtf8.Error.ShouldContain($"{workFile}: line 2: not UTF-8 text");
        folder.Error.ShouldContain($"{dataDir} is a folder; give a work's JSON file");
    }

    [Fact]
    public async Task Import_and_score_refuse_a_negative_count_or_a_rating_that_is_no_number_naming_the_field()
    {
        var dataDir = NewDataDir();
        (await KonomiCli.RunAsync(["users", "add", "me", "--data-dir", dataDir], ct: Ct)).ExitCode.ShouldBe(0);
        var file = Path.Combine(dataDir, "works.jsonl");
        File.WriteAllLines(file,
        [
            """{"id":"RJ01000001","title":"耳かき","url":"https://x/1","popularity":{"sales":-3}}""",
            """{"id":"RJ01000002","title":"添い寝","url":"https://x/2","popularity":{"ratingAverage":"NaN"}}""",
        ]);
        var workFile = Path.Combine(dataDir, "work.json");
        File.WriteAllText(workFile, """{"id":"RJ01000003","title":"雨音","url":"https://x/3","priceYen":-880}""");

        var imported = await KonomiCli.RunAsync(["works", "import", file, "--data-dir", dataDir], ct: Ct);
        var scored = await KonomiCli.RunAsync(["score", "--work", workFile, "--data-dir", dataDir], ct: Ct);
        var exported = await KonomiCli.RunAsync(["works", "export", Path.Combine(dataDir, "out.jsonl"), "--data-dir", dataDir], ct: Ct);

        imported.ExitCode.ShouldBe(1);
        imported.Error.ShouldContain("works.jsonl: line 1: popularity.sales must be 0 or more, not -3");
        imported.Error.ShouldContain("works.jsonl: line 2: popularity.ratingAverage must be a number from 0 to 5, not NaN");
        scored.ExitCode.ShouldBe(1);
        scored.Error.ShouldContain("priceYen must be 0 or more, not -880");
        exported.Output.ShouldContain("exported 0 works");
    }

    internal static string NewDataDir() => Directory.CreateTempSubdirectory("konomi-cli-").FullName;
}

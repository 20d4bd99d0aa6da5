using System.Text.Json;
using System.Text.Json.Nodes;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi eval</c> process on small files.</summary>
public class EvalCommandTests
{
    private static Task<BuiltProgram.Result> Eval(string csv, params string[] options) => EvalFile(csv, ".csv", options);

    private static async Task<BuiltProgram.Result> EvalFile(string content, string extension, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"konomi-eval-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        try
        {
            return await KonomiCli.RunAsync(["eval", "--data", file, .. options], ct: TestContext.Current.CancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Prints_one_json_object_with_the_cross_validated_metrics()
    {
        var works = SampleWorks.Range(0, 48);
        var rows = works.Select(w => $"{w.Id},\"{w.Title} {w.Circle} {w.VoiceActors[0]}\",{(SampleWorks.IsSoothing(w) ? 1 : 0)}");

        var result = await Eval("id,text,label\n" + string.Join("\n", rows), "--folds", "3");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.GetProperty("model").GetString().ShouldBe("ngram");
        root.GetProperty("n").GetInt32().ShouldBe(48);
        root.GetProperty("folds").GetInt32().ShouldBe(3);
        foreach (var metric in new[] { "accuracy", "precision", "recall", "f1", "rocAuc", "prAuc", "threshold", "trainSeconds", "scoresPerSecond" })
            root.GetProperty(metric).GetDouble().ShouldBeGreaterThan(0, metric);
        root.GetProperty("positives").GetInt32().ShouldBe(works.Count(SampleWorks.IsSoothing));
        foreach (var figure in new[] { "f1Pooled", "averagePrecision", "precisionAtK", "postEverythingF1" })
            root.GetProperty(figure).GetDouble().ShouldBeInRange(0.01, 1, figure);
        root.GetProperty("k").GetInt32().ShouldBe(20);
        var c = root.GetProperty("confusion");
        var (tp, fp, fn) = (c.GetProperty("truePositives").GetInt32(), c.GetProperty("falsePositives").GetInt32(), c.GetProperty("falseNegatives").GetInt32());
        root.GetProperty("f1Pooled").GetDouble().ShouldBe(2.0 * tp / (2 * tp + fp + fn), 1e-9);
        root.GetProperty("perFold").GetArrayLength().ShouldBe(3);
        result.Output.ShouldNotContain("{}");   // a fold's out-of-fold scores once printed as a row of empty objects
    }

    [Fact]
    public async Task Two_liked_among_25_are_cross_validated_on_stratified_folds_instead_of_throwing()
    {
        // By id hash alone, both liked rows can land in one fold, leaving its training part with one answer.
        var rows = Enumerable.Range(0, 25).Select(i => $"w{i},\"{(i < 2 ? "耳かき 癒し" : "怪談 悲鳴")} {i}\",{(i < 2 ? 1 : 0)}");

        var result = await Eval("id,text,label\n" + string.Join("\n", rows), "--folds", "5");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("folds").GetInt32().ShouldBe(2);
        json.RootElement.GetProperty("postEverythingF1").GetDouble().ShouldBe(2.0 * 2 / (25 + 2), 1e-9);
    }

    [Fact]
    public async Task A_malformed_file_exits_non_zero_naming_the_line()
    {
        var result = await Eval("id,text,label\na,耳かき,1\nb,添い寝,maybe\n");

        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain("line 3: label 'maybe' is not 0 or 1");
    }

    [Fact]
    public async Task A_folder_given_as_data_is_refused_as_a_folder()
    {
        var folder = Directory.CreateTempSubdirectory("konomi-eval-").FullName;
        try
        {
            var result = await KonomiCli.RunAsync(["eval", "--data", folder], ct: TestContext.Current.CancellationToken);

            result.ExitCode.ShouldBe(1);
            result.Error.Trim().ShouldBe($"konomi: {folder} is a folder; give a CSV or .jsonl file");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_naming_its_line_instead_of_evaluating_replacement_characters()
    {
        // Line 3's text is 耳かき in Shift_JIS, as Excel on Windows saves it.
        var file = Path.Combine(Path.GetTempPath(), $"konomi-eval-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, [.. "id,text,label\na,ok,0\nb,"u8, 0x8E, 0xA8, 0x82, 0xA9, 0x82, 0xAB, .. ",1\n"u8], TestContext.Current.CancellationToken);
        try
        {
            var result = await KonomiCli.RunAsync(["eval", "--data", file], ct: TestContext.Current.CancellationToken);

            result.ExitCode.ShouldBe(1);
            result.Output.ShouldBeEmpty();
            result.Error.ShouldContain($"{Path.GetFileName(file)}: line 3: not UTF-8 text");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_damaged_model_file_is_named_on_one_line_that_says_its_cause_once()
    {
        var reference = Path.Combine(Path.GetTempPath(), $"konomi-eval-{Guid.NewGuid():N}.reference.json");
        var data = Path.ChangeExtension(reference, ".csv");
        // The model and its tokenizer are there (checked on start); the reference, read first, is damaged.
        var model = Path.ChangeExtension(reference, ".onnx");
        var vocab = Path.ChangeExtension(reference, ".txt");
        await File.WriteAllTextAsync(reference, "{\"texts\":", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(model, "not read", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(vocab, "not read", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(data, "id,text,label\n" + string.Join("\n", Enumerable.Range(0, 8).Select(i => $"w{i},text {i},{i % 2}")), TestContext.Current.CancellationToken);
        try
        {
            var result = await KonomiCli.RunAsync(["eval", "--data", data, "--model", "embedding", "--folds", "2"], new Dictionary<string, string?>
            {
                ["TasteModels__Embedding__ModelPath"] = model,
                ["TasteModels__Embedding__TokenizerPath"] = vocab,
                ["TasteModels__Embedding__ReferencePath"] = reference,
            }, ct: TestContext.Current.CancellationToken);

            result.ExitCode.ShouldBe(1);
            result.Error.ShouldStartWith($"konomi: TasteModels:Embedding:ReferencePath {reference} cannot be used: ");
            // The wrapper quotes its cause already: said again after a ←, the line would hold it twice.
            result.Error.ShouldNotContain(" ← ");
        }
        finally
        {
            File.Delete(reference);
            File.Delete(data);
            File.Delete(model);
            File.Delete(vocab);
        }
    }

    /// <summary>The real pages' works as <c>konomi parse --jsonl</c> prints them, each under a label (every other one liked).</summary>
    private static async Task<List<JsonObject>> LabelledParsedWorks()
    {
        var folder = Repository.Fixture("dlsite");
        var parsed = await KonomiCli.RunAsync(["parse", folder, "--jsonl"], ct: TestContext.Current.CancellationToken);
        parsed.ExitCode.ShouldBe(0, parsed.Error);
        return [.. parsed.Output.Trim().Split('\n').Select((line, i) => new JsonObject { ["label"] = i % 2, ["work"] = JsonNode.Parse(line) })];
    }

    [Fact]
    public async Task Works_as_parse_prints_them_are_evaluated()
    {
        var lines = await LabelledParsedWorks();
        lines.ShouldContain(l => l["work"]!["ageCategory"]!.GetValue<string>() == "adult");

        var result = await EvalFile(string.Join("\n", lines.Select(l => l.ToJsonString())), ".jsonl", "--folds", "2");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("n").GetInt32().ShouldBe(lines.Count);
    }

    [Theory]
    [InlineData("genres", "line 2: genres must be a list of texts, not null")]
    [InlineData("id", "line 2: id must be a text, not null")]
    public async Task A_bad_field_of_a_work_is_named_as_works_import_names_it(string field, string problem)
    {
        var lines = await LabelledParsedWorks();
        lines[1]["work"]![field] = null;

        var result = await EvalFile(string.Join("\n", lines.Select(l => l.ToJsonString())), ".jsonl", "--folds", "2");

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain(problem);
    }

    [Fact]
    public async Task An_unknown_model_is_a_usage_error_in_the_form_of_every_other_option()
    {
        var result = await Eval("id,text,label\na,耳かき,1\nb,怪談,0\nc,添い寝,1\nd,悲鳴,0\n", "--model", "no-such-family");

        result.ExitCode.ShouldBe(2);
        var lines = result.Error.Trim().Split('\n');
        lines[0].ShouldStartWith("unknown --model 'no-such-family'; known: ");
        lines[^1].ShouldBe("See `konomi eval --help`.");
    }

    [Fact]
    public async Task Help_lists_every_model_family_the_registry_knows()
    {
        var unknown = await Eval("id,text,label\na,耳かき,1\nb,怪談,0\nc,添い寝,1\nd,悲鳴,0\n", "--model", "no-such-family");
        var help = await KonomiCli.RunAsync(["eval", "--help"], ct: TestContext.Current.CancellationToken);

        unknown.ExitCode.ShouldBe(2);
        var refusal = unknown.Error.Split('\n')[0];
        var known = refusal[(refusal.IndexOf("known: ", StringComparison.Ordinal) + "known: ".Length)..].Trim().Split(", ");
        known.Length.ShouldBeGreaterThan(1, unknown.Error);
        var modelLine = help.Output.Split('\n').Single(l => l.TrimStart().StartsWith("--model", StringComparison.Ordinal));
        foreach (var family in known)
            modelLine.ShouldContain(family);
    }

    // TasteModels:Family=classifier without its files is refused on start; --model chooses the family after that check.
    [Fact]
    public async Task A_classifier_chosen_with_model_but_without_its_files_is_a_setting_to_fix_not_a_failure_to_trace()
    {
        var works = SampleWorks.Range(0, 12);
        var rows = works.Select(w => $"{w.Id},\"{w.Title}\",{(SampleWorks.IsSoothing(w) ? 1 : 0)}");

        var result = await Eval("id,text,label\n" + string.Join("\n", rows), "--model", "classifier", "--folds", "2");

        result.ExitCode.ShouldBe(1, result.Output);
        result.Error.Trim().ShouldBe("konomi: configuration: The classifier family needs TasteModels:Classifier:ModelPath and TokenizerPath.");
        result.Error.ShouldNotContain("KONOMI_TRACE");
    }
}

using System.Text.Json;
using Konomi.Testing;

namespace Konomi.TasteModels.Tests;

/// <summary>The real <c>konomi eval</c> process on small files.</summary>
public class EvalCommandTests
{
    private static async Task<KonomiCli.Result> Eval(string csv, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"konomi-eval-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv, TestContext.Current.CancellationToken);
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
        var rows = NgramFamilyTests.ToyExamples().Select((e, i) => $"w{i},\"{e.Input.Text.Replace("\"", "\"\"")}\",{(e.Liked ? 1 : 0)}");

        var result = await Eval("id,text,label\n" + string.Join("\n", rows), "--folds", "3");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        root.GetProperty("model").GetString().ShouldBe("ngram");
        root.GetProperty("n").GetInt32().ShouldBe(48);
        root.GetProperty("folds").GetInt32().ShouldBe(3);
        foreach (var metric in new[] { "accuracy", "precision", "recall", "f1", "rocAuc", "prAuc", "threshold", "trainSeconds", "scoresPerSecond" })
            root.GetProperty(metric).GetDouble().ShouldBeGreaterThan(0, metric);
        root.GetProperty("positives").GetInt32().ShouldBe(NgramFamilyTests.ToyExamples().Count(e => e.Liked));
    }

    [Fact]
    public async Task A_malformed_file_exits_non_zero_naming_the_line()
    {
        var result = await Eval("id,text,label\na,耳かき,1\nb,添い寝,maybe\n");

        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldBeEmpty();
        result.Error.ShouldContain("line 3: label 'maybe' is not 0 or 1");
    }
}

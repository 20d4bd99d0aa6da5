using System.Text.Json;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi eval</c> process on small files.</summary>
public class EvalCommandTests
{
    private static async Task<BuiltProgram.Result> Eval(string csv, params string[] options)
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
}

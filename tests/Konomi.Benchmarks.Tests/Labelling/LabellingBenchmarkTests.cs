using Konomi.Benchmarks.Labelling;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.Testing;
using Microsoft.Extensions.Options;

namespace Konomi.Benchmarks.Tests.Labelling;

public class LabellingBenchmarkTests
{
    static readonly TasteInputBuilder Inputs = new(Options.Create(new TasteInputOptions()));

    static LabelledData Data()
    {
        var works = SampleWorks.Range(0, 120);
        return new LabelledData(
            [.. works.Select(w => w.Id)],
            [.. works.Select(w => new Example(Inputs.Build(w), SampleWorks.IsSoothing(w)))],
            [.. works.Select(w => Folds.ByHash(w.Id, 5))]);
    }

    [Fact]
    public void Both_orders_are_measured_at_every_checkpoint_on_held_out_folds_and_the_run_repeats_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var benchmark = new LabellingBenchmark(new NgramFamily(Options.Create(new NgramOptions())), diversity: 0.3);

        var first = benchmark.Run("sample", Data(), [20, 40], seeds: 2, folds: 2, TextWriter.Null, ct);
        var again = benchmark.Run("sample", Data(), [20, 40], seeds: 2, folds: 2, TextWriter.Null, ct);

        first.Runs.ShouldBe(4);
        first.Points.Select(p => p.Labels).ShouldBe([20, 40]);
        first.Points.ShouldAllBe(p => p.Random > 0.9 && p.Konomi > 0.9, "the sample taste is easy to learn");
        again.Points.ShouldBe(first.Points);
        first.KonomiLabelsToMatchRandomAtMost.ShouldNotBeNull();
    }

    [Fact]
    public async Task Labeling_rejects_a_malformed_data_file_with_its_line()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("konomi-bench-").FullName, "bad.csv");
        await File.WriteAllTextAsync(file, "id,text,label\na,耳かき,2\n", TestContext.Current.CancellationToken);

        var result = await BenchmarkCli.RunAsync(["labeling", "--data", file], ct: TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("line 2: label '2' is not 0 or 1");
    }
}

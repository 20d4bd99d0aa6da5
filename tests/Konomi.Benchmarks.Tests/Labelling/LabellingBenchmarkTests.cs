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
        first.Points.ShouldAllBe(p => p.DifferenceLow <= p.Difference && p.Difference <= p.DifferenceHigh);
    }

    [Fact]
    public void The_difference_of_the_orders_is_paired_run_by_run_with_a_95_percent_t_interval()
    {
        // Runs differ a lot (0.5 to 0.9) but Konomi's order is 0.1, 0.2, 0.3 ahead run by run: mean 0.2, sd 0.1, t(2) = 4.303.
        var point = LabellingPoint.Paired(100, [0.5, 0.9, 0.6], [0.6, 1.1, 0.9]);

        point.Random.ShouldBe(0.6667);
        point.Konomi.ShouldBe(0.8667);
        point.Difference.ShouldBe(0.2);
        point.DifferenceLow!.Value.ShouldBe(0.2 - 4.3027 * 0.1 / Math.Sqrt(3), 1e-4);
        point.DifferenceHigh!.Value.ShouldBe(0.2 + 4.3027 * 0.1 / Math.Sqrt(3), 1e-4);
    }

    [Fact]
    public void A_checkpoint_only_one_order_reached_has_no_interval()
    {
        var point = LabellingPoint.Paired(400, [0.5, 0.6], null);

        point.Random.ShouldBe(0.55);
        point.Konomi.ShouldBeNull();
        point.DifferenceLow.ShouldBeNull();
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

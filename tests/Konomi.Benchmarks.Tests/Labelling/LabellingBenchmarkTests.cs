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

    static IReadOnlyList<IReadOnlyCollection<string>> Facets() => [.. SampleWorks.Range(0, 120).Select(w => (IReadOnlyCollection<string>)[w.Circle, .. w.Genres])];

    [Fact]
    public void Every_order_is_measured_at_every_checkpoint_on_held_out_folds_and_the_run_repeats_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var benchmark = new LabellingBenchmark(new NgramFamily(Options.Create(new NgramOptions())), diversity: 0.3);
        var settings = new LabellingRun(LabellingOrders.All, [20, 40], Seeds: 2, Folds: 2, FirstScreen: 12, TargetShares: [0.9]);

        var first = benchmark.Run("sample", Data(), Facets(), settings, TextWriter.Null, ct);
        var again = benchmark.Run("sample", Data(), Facets(), settings, TextWriter.Null, ct);

        first.Runs.ShouldBe(4);
        first.Orders.Select(o => o.Order).ShouldBe(LabellingOrders.All);
        foreach (var order in first.Orders)
        {
            order.Points.Select(p => p.Labels).ShouldBe([20, 40]);
            order.Points.ShouldAllBe(p => p.F1 > 0.9, $"{order.Order}: the sample taste is easy to learn");
            order.Points.ShouldAllBe(p => p.DifferenceLow <= p.Difference && p.Difference <= p.DifferenceHigh);
            order.ToTargets.Single().Reached.ShouldBe(4, $"{order.Order} reaches 0.9 of random order's F1");
            order.ToTargets.Single().F1.ShouldBe(Math.Round(0.9 * first.Orders[0].Points[^1].F1!.Value, 4), 1e-4);
        }
        again.Orders.SelectMany(o => o.Points).ShouldBe(first.Orders.SelectMany(o => o.Points));
    }

    [Fact]
    public void A_pool_subsample_stops_the_checkpoints_it_cannot_reach()
    {
        var ct = TestContext.Current.CancellationToken;
        var benchmark = new LabellingBenchmark(new NgramFamily(Options.Create(new NgramOptions())), diversity: 0.3);

        var curve = benchmark.Run("sample", Data(), Facets(), new LabellingRun([LabellingOrders.Random, LabellingOrders.FirstScreen], [20, 40], 1, 2, 12, [0.9], PoolSize: 30), TextWriter.Null, ct);

        curve.Orders.ShouldAllBe(o => o.Points[0].F1 != null && o.Points[1].F1 == null);
    }

    [Fact]
    public void Labels_to_the_target_are_compared_run_by_run_and_a_run_that_never_reaches_it_needs_more()
    {
        var reach = LabelsToTarget.Of(0.9, 0.6, [50, null, 100, 200, null], [100, 100, 100, null, null]);

        reach.ShouldBe(new LabelsToTarget(0.9, 0.6, Reached: 3, Runs: 5, Median: 200, Fewer: 2, Same: 2, More: 1));
        LabelsToTarget.Of(0.9, 0.6, [null, null, 50], [50, 50, 50]).Median.ShouldBeNull("most runs never reached it");
    }

    [Fact]
    public void The_difference_of_the_orders_is_paired_run_by_run_with_a_95_percent_t_interval()
    {
        // Runs differ a lot (0.5 to 0.9) but the order is 0.1, 0.2, 0.3 ahead run by run: mean 0.2, sd 0.1, t(2) = 4.303.
        var point = LabellingPoint.Paired(100, [0.5, 0.9, 0.6], [0.6, 1.1, 0.9]);

        point.F1.ShouldBe(0.8667);
        point.Difference.ShouldBe(0.2);
        point.DifferenceLow!.Value.ShouldBe(0.2 - 4.3027 * 0.1 / Math.Sqrt(3), 1e-4);
        point.DifferenceHigh!.Value.ShouldBe(0.2 + 4.3027 * 0.1 / Math.Sqrt(3), 1e-4);
    }

    [Fact]
    public void A_checkpoint_only_one_order_reached_has_no_interval()
    {
        var point = LabellingPoint.Paired(400, [0.5, 0.6], null);

        point.F1.ShouldBeNull();
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

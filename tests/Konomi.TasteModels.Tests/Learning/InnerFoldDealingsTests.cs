using System.Collections.Concurrent;
using System.Diagnostics;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Tests.Learning;

/// <summary>
/// Small training sets deal their inner folds several times so that the threshold is chosen on more than one
/// chance placement of a few hundred labels (docs/models.md, "Dealing the inner folds again").
/// </summary>
public class InnerFoldDealingsTests
{
    [Fact]
    public void The_first_dealing_is_round_robin_in_order_and_later_ones_shuffle_but_stay_stratified()
    {
        var liked = Enumerable.Range(0, 120).Select(i => i % 4 == 0).ToArray();

        var first = InnerFolds.Assign(liked, 3);
        var second = InnerFolds.Assign(liked, 3, dealing: 1);
        var third = InnerFolds.Assign(liked, 3, dealing: 2);

        first.Where((_, i) => liked[i]).ShouldBe(Enumerable.Range(0, 30).Select(k => k % 3));
        second.ShouldNotBe(first);
        third.ShouldNotBe(second);
        InnerFolds.Assign(liked, 3, dealing: 1).ShouldBe(second);
        foreach (var folds in new[] { second, third })
            for (var fold = 0; fold < 3; fold++)
            {
                folds.Where((f, i) => f == fold && liked[i]).Count().ShouldBe(10);
                folds.Where((f, i) => f == fold && !liked[i]).Count().ShouldBe(30);
            }
    }

    [Theory]
    [InlineData(120, 5)]
    [InlineData(600, 5)]
    [InlineData(1000, 3)]
    [InlineData(2999, 2)]
    [InlineData(3000, 1)]
    [InlineData(7367, 1)]
    public void Small_training_sets_are_dealt_until_they_give_enough_scores_and_large_ones_once(int examples, int dealings)
    {
        new ThresholdRule().DealingsFor(examples).ShouldBe(dealings);
        new ThresholdRule { OutOfFoldScores = 0 }.DealingsFor(examples).ShouldBe(1);
    }

    [Fact]
    public void A_works_scores_from_other_dealings_are_not_more_evidence_that_a_cut_beats_posting_everything()
    {
        // A best cut (after the 11th work) that beats posting everything on about 8 resamples in 10: not enough.
        var scores = Enumerable.Range(0, 20).Select(i => 0.95 - 0.05 * i).ToArray();
        var liked = "TTTTFTTFTFTFFFTFFTFF".Select(c => c == 'T').ToArray();
        const int copies = 5;
        double[][] dealings = [.. Enumerable.Repeat(scores, copies)];
        double[] dealt = [.. dealings.SelectMany(s => s)];
        bool[] likedDealt = [.. Enumerable.Repeat(liked, copies).SelectMany(l => l)];
        var rule = new ThresholdRule();

        rule.Choose(dealings, liked).ShouldBe(rule.Choose(scores, liked));
        rule.Choose(dealings, liked).ShouldBe(0);
        // Taken as 100 independent works, the same scores would seem to back the cut (on about 98 resamples in 100).
        rule.Choose(dealt, likedDealt).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_dealing_that_does_not_score_every_work_once_is_refused()
    {
        IReadOnlyList<double>[] dealings = [[0.9, 0.5, 0.1], [0.8, 0.4]];
        Should.Throw<ArgumentException>(() => new ThresholdRule().Choose(dealings, [true, false, true]));
    }

    [Fact]
    public void However_often_the_folds_are_dealt_the_head_serves_the_same_fit_and_one_score_per_work()
    {
        var (x, liked) = SparseProblems.Make(rows: 300, width: 200, seed: 5);
        var ct = TestContext.Current.CancellationToken;

        var once = LinearHead.Train(x, liked, [1], new ThresholdRule { OutOfFoldScores = 0 }, ct);
        var dealt = LinearHead.Train(x, liked, [1], new ThresholdRule(), ct);

        dealt.OutOfFold!.Length.ShouldBe(x.Count);
        dealt.OutOfFold.ShouldBe(once.OutOfFold!);
        for (var i = 0; i < x.Count; i++) dealt.Model.Score(x, i).ShouldBe(once.Model.Score(x, i));
    }

    [Fact]
    public void Each_dealing_fits_every_inner_fold_and_says_so_in_its_span()
    {
        var (x, liked) = SparseProblems.Make(rows: 300, width: 200, seed: 5);
        using var test = new ActivitySource("Konomi.Tests.Dealings");
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TrainingTelemetry.SourceName or "Konomi.Tests.Dealings",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId trace;
        using (var root = test.StartActivity("training")!)
        {
            trace = root.TraceId;
            LinearHead.Train(x, liked, [1], new ThresholdRule(), TestContext.Current.CancellationToken);
        }

        // Other tests train in parallel in this process: only this trace's spans count.
        var innerFolds = spans.Where(a => a.TraceId == trace && a.OperationName == "inner fold").ToArray();
        innerFolds.Select(a => ((int)a.GetTagItem(TrainingTelemetry.DealingTag)!, (int)a.GetTagItem(TrainingTelemetry.FoldTag)!)).Order()
            .ShouldBe(from dealing in Enumerable.Range(0, 5) from fold in Enumerable.Range(0, 3) select (dealing, fold));
    }
}

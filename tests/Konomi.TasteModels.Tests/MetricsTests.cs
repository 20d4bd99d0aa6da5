using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Tests;

public class MetricsTests
{
    // Values from scikit-learn 1.2.1: roc_auc_score, average_precision_score on the same arrays.
    [Fact]
    public void Ranking_metrics_match_scikit_learn()
    {
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.4];
        bool[] liked = [false, false, true, true, true];

        Ranking.RocAuc(scores, liked).ShouldBe(0.75, 1e-12);
        Ranking.AveragePrecision(scores, liked).ShouldBe(0.8055555555555556, 1e-12);
    }

    [Fact]
    public void Precision_recall_curve_has_a_point_per_distinct_score_and_its_area_is_the_average_precision()
    {
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.4];
        bool[] liked = [false, false, true, true, true];

        var curve = Ranking.PrecisionRecallCurve(scores, liked);

        curve.Select(p => p.Threshold).ShouldBe([0.8, 0.4, 0.35, 0.1]);
        curve.Select(p => p.Precision).ShouldBe([1, 2 / 3.0, 0.75, 0.6], 1e-12);
        curve.Select(p => p.Recall).ShouldBe([1 / 3.0, 2 / 3.0, 1, 1], 1e-12);
        curve.Zip(curve.Prepend(new PrecisionRecallPoint(1, 1, 0)), (p, before) => (p.Recall - before.Recall) * p.Precision).Sum()
            .ShouldBe(Ranking.AveragePrecision(scores, liked), 1e-12);
        Ranking.PrecisionRecallCurve(scores, [false, false, false, false, false]).ShouldBeEmpty();
    }

    [Fact]
    public void Threshold_metrics_and_confusion_matrix_count_each_example_once()
    {
        var metrics = ClassificationMetrics.Measure([0.9, 0.6, 0.4, 0.2], [true, false, true, false], 0.5);

        metrics.Confusion.ShouldBe(new ConfusionMatrix(TruePositives: 1, FalsePositives: 1, TrueNegatives: 1, FalseNegatives: 1));
        metrics.Accuracy.ShouldBe(0.5);
        metrics.Precision.ShouldBe(0.5);
        metrics.Recall.ShouldBe(0.5);
        metrics.F1.ShouldBe(0.5);
    }

    [Fact]
    public void Max_F1_threshold_sits_between_the_last_liked_score_kept_and_the_next()
    {
        var threshold = new ThresholdRule().Choose([0.9, 0.8, 0.7, 0.3, 0.2], [true, true, true, false, false]);

        threshold.ShouldBe(0.5, 1e-12);
    }

    [Fact]
    public void A_best_cut_that_luck_can_explain_gives_way_to_posting_everything()
    {
        // 60% liked: dropping the bottom nine gains 0.03 F1 here, but only on about 6 resamples in 10.
        var luck = Scores("TTTTTFTTTFTFFFTFFTFT");

        new ThresholdRule { SureOfCut = 0 }.Choose(luck.Scores, luck.Liked).ShouldBe(0.425, 1e-12);
        new ThresholdRule().Choose(luck.Scores, luck.Liked).ShouldBe(0);
    }

    [Fact]
    public void Only_training_sets_smaller_than_GuardedBelow_must_show_their_cut_beats_posting_everything()
    {
        var luck = Scores("TTTTTFTTTFTFFFTFFTFT");

        new ThresholdRule { GuardedBelow = 21 }.Choose(luck.Scores, luck.Liked).ShouldBe(0);
        new ThresholdRule { GuardedBelow = 20 }.Choose(luck.Scores, luck.Liked).ShouldBe(0.425, 1e-12);
    }

    [Fact]
    public void A_best_cut_that_beats_posting_everything_on_nine_resamples_in_ten_is_kept()
    {
        var signal = Scores("TTTTFTTTFTFFFFFTFFFF");

        new ThresholdRule().Choose(signal.Scores, signal.Liked).ShouldBe(0.475, 1e-12);
    }

    // Scores falling by 0.05 from 0.95, liked where the pattern says T.
    static (double[] Scores, bool[] Liked) Scores(string pattern) =>
        ([.. pattern.Select((_, i) => 0.95 - 0.05 * i)], [.. pattern.Select(c => c == 'T')]);

    [Fact]
    public void Target_recall_keeps_the_highest_threshold_that_catches_enough_liked_works()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.1];
        bool[] liked = [true, false, true, false, false, true];

        new ThresholdRule { TargetRecall = 0.6 }.Choose(scores, liked).ShouldBe(0.65, 1e-12);
        new ThresholdRule { TargetRecall = 0.95 }.Choose(scores, liked).ShouldBe(0.1, 1e-12);
    }
}

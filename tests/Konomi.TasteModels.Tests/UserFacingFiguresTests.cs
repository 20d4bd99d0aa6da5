using Konomi.Contracts;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

/// <summary>The figures a user would recognise: pooled F1, precision@k, post-everything, stratified folds and calibrated scores.</summary>
public class UserFacingFiguresTests
{
    static readonly NgramFamily Family = new(Options.Create(new NgramOptions()));

    [Fact]
    public void Pooled_F1_counts_every_decision_once_rather_than_averaging_folds()
    {
        var examples = NgramFamilyTests.ToyExamples();
        var folds = Folds.Stratified([.. examples.Select((_, i) => $"w{i}")], [.. examples.Select(e => e.Liked)], 4);

        var result = CrossValidation.Run(Family, examples, folds, TestContext.Current.CancellationToken);

        var c = result.Confusion;
        result.F1Pooled.ShouldBe(2.0 * c.TruePositives / (2 * c.TruePositives + c.FalsePositives + c.FalseNegatives), 1e-12);
        result.OutOfFold.Count.ShouldBe(examples.Count);
        result.AveragePrecision.ShouldBe(Ranking.AveragePrecision(result.OutOfFold, [.. examples.Select(e => e.Liked)]), 1e-12);
        var positives = examples.Count(e => e.Liked);
        result.PostEverythingF1.ShouldBe(2.0 * positives / (examples.Count + positives), 1e-12);
    }

    [Fact]
    public void Precision_at_k_is_the_liked_share_of_each_folds_best_k_averaged()
    {
        // Fold 0: scores 0.9 (liked), 0.8 (not), 0.1 (liked); fold 1: 0.7 (liked), 0.6 (liked), 0.2 (not).
        var result = new CrossValidationResult("fixed", 6, 4, [Fold(0), Fold(1)])
        {
            OutOfFold = [0.9, 0.8, 0.1, 0.7, 0.6, 0.2],
            Liked = [true, false, true, true, true, false],
            FoldOf = [0, 0, 0, 1, 1, 1],
        };

        result.PrecisionAtK(2).ShouldBe((0.5 + 1.0) / 2, 1e-12);
        result.PrecisionAtK(1).ShouldBe(1.0, 1e-12);
        result.PrecisionAtK(10).ShouldBe((2 / 3.0 + 2 / 3.0) / 2, 1e-12);
    }

    [Fact]
    public void Stratified_folds_give_every_fold_both_answers_and_never_more_folds_than_the_smaller_answer()
    {
        string[] ids = [.. Enumerable.Range(0, 25).Select(i => $"RJ{i:D8}")];
        bool[] liked = [.. Enumerable.Range(0, 25).Select(i => i < 3)];

        var folds = Folds.Stratified(ids, liked, 5);

        folds.Distinct().Count().ShouldBe(3);
        foreach (var fold in folds.Distinct())
        {
            var training = Enumerable.Range(0, 25).Where(i => folds[i] != fold).Select(i => liked[i]).ToList();
            training.ShouldContain(true);
            training.ShouldContain(false);
        }
        Folds.Stratified(ids, liked, 5).ShouldBe(folds, "the same ids always split alike");
    }

    [Fact]
    public void Platt_scaling_turns_scores_into_observed_frequencies_and_keeps_their_order()
    {
        // Raw scores that say 0.9 where the truth is 60% and 0.1 where it is 20%.
        var scores = new List<double>();
        var liked = new List<bool>();
        for (var i = 0; i < 500; i++) { scores.Add(0.9); liked.Add(i % 5 < 3); }
        for (var i = 0; i < 500; i++) { scores.Add(0.1); liked.Add(i % 5 < 1); }

        var calibration = PlattScaling.Fit(scores, liked);

        calibration.Apply(0.9).ShouldBe(0.6, 0.01);
        calibration.Apply(0.1).ShouldBe(0.2, 0.01);
        calibration.Apply(0.5).ShouldBeInRange(calibration.Apply(0.1), calibration.Apply(0.9));
    }

    [Fact]
    public void Saturated_scores_that_say_nothing_calibrate_to_about_the_liked_share_not_to_certainty()
    {
        // Out-of-fold scores at the ends of the scale, each end holding likes and dislikes alike (a workspace model
        // that ranks a user's labels no better than chance): a first Newton step from a saturated curve used to fling
        // the slope to ~3e9, so every work scored 0.000 or 1.000.
        var scores = new List<double>();
        var liked = new List<bool>();
        for (var i = 0; i < 20; i++) { scores.Add(i % 2 == 0 ? 0.9999999 : 0.0000001); liked.Add(i % 4 < 2 ? i % 5 < 2 : i % 5 < 1); }

        var calibration = PlattScaling.Fit(scores, liked);

        calibration.Slope.ShouldBeLessThan(10);
        calibration.Apply(0.9999999).ShouldBeInRange(0.05, 0.95);
        calibration.Apply(0.0000001).ShouldBeInRange(0.05, 0.95);
    }

    [Fact]
    public void Platt_scaling_with_one_answer_leaves_scores_as_they_are()
    {
        PlattScaling.Fit([0.2, 0.8], [true, true]).ShouldBe(ScoreCalibration.Identity);
    }

    static FoldResult Fold(int fold) => new(fold, 3, 3, ClassificationMetrics.Measure([0.5], [true], 0.5), 0, 0);
}

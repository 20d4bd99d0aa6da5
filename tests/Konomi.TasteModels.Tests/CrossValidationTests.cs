using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

public class CrossValidationTests
{
    private static readonly NgramFamily Family = new(Options.Create(new NgramOptions()));

    [Fact]
    public void The_trainer_never_receives_a_test_fold_example()
    {
        var examples = NgramFamilyTests.ToyExamples();
        var folds = examples.Select((_, i) => i % 4).ToArray();
        var seen = new List<IReadOnlyList<Example>>();

        var result = CrossValidation.Run("spy", (train, ct) => { seen.Add(train); return Family.Train(train, ct); }, examples, folds, TestContext.Current.CancellationToken);

        result.Folds.Count.ShouldBe(4);
        for (var fold = 0; fold < 4; fold++)
        {
            var testSet = examples.Where((_, i) => folds[i] == fold).ToHashSet(ReferenceEqualityComparer.Instance);
            seen[fold].Count.ShouldBe(examples.Count - testSet.Count);
            seen[fold].ShouldAllBe(e => !testSet.Contains(e));
        }
    }

    [Fact]
    public void Every_example_is_scored_once_by_the_model_that_did_not_see_it()
    {
        var examples = NgramFamilyTests.ToyExamples();
        var folds = examples.Select((_, i) => i % 3).ToArray();
        var models = new List<ITasteModel>();

        var result = CrossValidation.Run("spy", (train, ct) => { var m = Family.Train(train, ct); models.Add(m); return m; }, examples, folds, TestContext.Current.CancellationToken);

        result.Folds.Sum(f => f.Scored.Count).ShouldBe(examples.Count);
        for (var fold = 0; fold < 3; fold++)
        {
            var testSet = examples.Where((_, i) => folds[i] == fold).ToArray();
            var expected = models[fold].Predict([.. testSet.Select(e => e.Input)]).Select(p => p.Score);
            result.Folds[fold].Scored.Select(s => s.Score).ShouldBe(expected);
            result.Folds[fold].Scored.Select(s => s.Liked).ShouldBe(testSet.Select(e => e.Liked));
        }
        result.PrecisionRecallCurve().Last().Recall.ShouldBe(1);
    }

    [Fact]
    public void Flipping_the_test_fold_labels_leaves_that_folds_threshold_unchanged()
    {
        var examples = NgramFamilyTests.ToyExamples();
        var folds = examples.Select((_, i) => i % 3).ToArray();
        var flipped = examples.Select((e, i) => folds[i] == 0 ? e with { Liked = !e.Liked } : e).ToArray();

        var original = CrossValidation.Run(Family, examples, folds, TestContext.Current.CancellationToken);
        var tampered = CrossValidation.Run(Family, flipped, folds, TestContext.Current.CancellationToken);

        tampered.Folds[0].Metrics.Threshold.ShouldBe(original.Folds[0].Metrics.Threshold);
        tampered.Folds[0].Metrics.F1.ShouldBeLessThan(original.Folds[0].Metrics.F1);
    }

    [Fact]
    public void Fold_numbers_must_match_the_examples()
    {
        Should.Throw<ArgumentException>(() => CrossValidation.Run(Family, NgramFamilyTests.ToyExamples(), [0, 1], TestContext.Current.CancellationToken));
    }
}

using System.Diagnostics;

namespace Konomi.TasteModels.Evaluation;

/// <summary>
/// k-fold cross-validation. Each fold's model is trained on the other folds' examples only and chooses
/// its own threshold there; the test fold contributes nothing but inputs to score, its labels are read
/// only to measure.
/// </summary>
public static class CrossValidation
{
    public static CrossValidationResult Run(ITasteModelFamily family, IReadOnlyList<Example> examples, IReadOnlyList<int> folds, CancellationToken ct = default) =>
        Run(family.Name, family.Train, examples, folds, ct);

    public static CrossValidationResult Run(
        string family,
        Func<IReadOnlyList<Example>, CancellationToken, ITasteModel> train,
        IReadOnlyList<Example> examples,
        IReadOnlyList<int> folds,
        CancellationToken ct = default) =>
        Run(family, (_, trainSet, token) => train(trainSet, token), examples, folds, ct);

    /// <summary>
    /// For models fitted elsewhere on the same folds, e.g. a workspace fit per fold that also held out everyone
    /// else's part: <paramref name="train"/> is told which fold it trains without.
    /// </summary>
    public static CrossValidationResult Run(
        string family,
        Func<int, IReadOnlyList<Example>, CancellationToken, ITasteModel> train,
        IReadOnlyList<Example> examples,
        IReadOnlyList<int> folds,
        CancellationToken ct = default)
    {
        if (folds.Count != examples.Count)
            throw new ArgumentException($"{folds.Count} fold numbers for {examples.Count} examples.", nameof(folds));
        var results = new List<FoldResult>();
        var outOfFold = new double[examples.Count];
        foreach (var fold in folds.Distinct().Order())
        {
            ct.ThrowIfCancellationRequested();
            var trainSet = examples.Where((_, i) => folds[i] != fold).ToArray();
            var testSet = examples.Where((_, i) => folds[i] == fold).ToArray();
            if (trainSet.Length == 0) throw new ArgumentException("Cross-validation needs at least two folds.", nameof(folds));

            var clock = Stopwatch.StartNew();
            var model = train(fold, trainSet, ct);
            var trainSeconds = clock.Elapsed.TotalSeconds;

            clock.Restart();
            var predictions = model.Predict(testSet.Select(e => e.Input).ToArray());
            var scoreSeconds = clock.Elapsed.TotalSeconds;
            var at = 0;
            for (var i = 0; i < examples.Count; i++)
                if (folds[i] == fold) outOfFold[i] = predictions[at++].Score;

            var scores = predictions.Select(p => p.Score).ToArray();
            var liked = testSet.Select(e => e.Liked).ToArray();
            var metrics = ClassificationMetrics.Measure(scores, liked, model.Threshold);
            results.Add(new FoldResult(fold, trainSet.Length, testSet.Length, metrics, trainSeconds, scoreSeconds)
            {
                Scored = [.. scores.Zip(liked)],
            });
        }
        return new CrossValidationResult(family, examples.Count, examples.Count(e => e.Liked), results)
        {
            OutOfFold = outOfFold,
            Liked = [.. examples.Select(e => e.Liked)],
            FoldOf = [.. folds],
        };
    }
}

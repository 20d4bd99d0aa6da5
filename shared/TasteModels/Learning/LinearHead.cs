namespace Konomi.TasteModels.Learning;

/// <summary>A logistic regression plus its threshold, both chosen on the training data it is given.</summary>
public sealed record LinearHead(LinearModel Model, double Threshold, double C)
{
    /// <summary>
    /// Inner cross-validation over the training rows picks C (when several are offered) and the threshold
    /// from out-of-fold scores; the final model is then fitted on every row. Nothing outside
    /// <paramref name="x"/> is ever looked at.
    /// </summary>
    public static LinearHead Train(SparseRows x, IReadOnlyList<bool> liked, IReadOnlyList<double> cGrid, ThresholdRule rule, CancellationToken ct)
    {
        var folds = InnerFolds.Assign(liked, rule.InnerFolds);
        var outOfFold = cGrid.Select(_ => new double[x.Count]).ToArray();
        for (var fold = 0; fold < rule.InnerFolds; fold++)
        {
            var train = Enumerable.Range(0, x.Count).Where(i => folds[i] != fold).ToArray();
            var held = Enumerable.Range(0, x.Count).Where(i => folds[i] == fold).ToArray();
            var trainRows = x.Select(train);
            var trainLiked = train.Select(i => liked[i]).ToArray();
            LinearModel? previous = null;
            for (var k = 0; k < cGrid.Count; k++)
            {
                previous = LogisticRegression.Fit(trainRows, trainLiked, cGrid[k], previous, ct);
                foreach (var i in held) outOfFold[k][i] = previous.Score(x, i);
            }
        }

        var best = 0;
        var bestF1 = -1.0;
        var thresholds = new double[cGrid.Count];
        for (var k = 0; k < cGrid.Count; k++)
        {
            thresholds[k] = rule.Choose(outOfFold[k], liked);
            var f1 = F1(outOfFold[k], liked, thresholds[k]);
            if (f1 > bestF1) (bestF1, best) = (f1, k);
        }
        var model = LogisticRegression.Fit(x, liked, cGrid[best], ct: ct);
        return new LinearHead(model, thresholds[best], cGrid[best]);
    }

    private static double F1(double[] scores, IReadOnlyList<bool> liked, double threshold)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && liked[i]) tp++;
            else if (predicted) fp++;
            else if (liked[i]) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
    }
}

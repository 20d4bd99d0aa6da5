namespace Konomi.TasteModels.Learning;

/// <summary>
/// Features for one inner fold, fitted on its training rows only (an IDF or a vocabulary must not see the
/// held-out rows, or inner cross-validation is optimistic and picks C and the threshold for that optimism).
/// </summary>
public delegate (SparseRows Train, SparseRows Held) FoldFeatures(int[] trainRows, int[] heldRows);

/// <summary>
/// A logistic regression plus its threshold, both chosen on the training data it is given, and the first dealing's
/// out-of-fold scores (at the chosen C) they were chosen on; null when too few examples allowed no inner folds.
/// </summary>
public sealed record LinearHead(LinearModel Model, double Threshold, double C, double[]? OutOfFold)
{
    /// <summary>
    /// Inner cross-validation over the training rows picks C (when several are offered) and the threshold
    /// from out-of-fold scores; the final model is then fitted on every row. Nothing outside
    /// <paramref name="x"/> is ever looked at. <paramref name="foldFeatures"/> refits the features per
    /// inner fold when they are learned from data; without it the rows of <paramref name="x"/> are used as they are.
    /// With <paramref name="naiveBayesVote"/> (the vote's weight) every fit, inner or final, is joined with a
    /// <see cref="NaiveBayesVote"/> on its own training rows, so C and the threshold are chosen on the scores the served model gives.
    /// </summary>
    public static LinearHead Train(SparseRows x, IReadOnlyList<bool> liked, IReadOnlyList<double> cGrid, ThresholdRule rule, CancellationToken ct, FoldFeatures? foldFeatures = null, CChoice chooseCBy = CChoice.F1, double relativeDecrease = LogisticRegression.DefaultRelativeDecrease, double? naiveBayesVote = null)
    {
        var smallerClass = Math.Min(liked.Count(l => l), liked.Count(l => !l));
        if (smallerClass == 0) throw new ArgumentException("Training needs both liked and not-liked examples.", nameof(liked));
        // Every inner training part must hold both classes; with a single example of one, no inner CV is possible.
        var innerFolds = Math.Min(rule.InnerFolds, smallerClass);
        if (innerFolds < 2) return new LinearHead(LogisticRegression.Fit(x, liked, cGrid[0], ct: ct, relativeDecrease: relativeDecrease), 0.5, cGrid[0], null);

        var dealings = rule.DealingsFor(x.Count);
        var n = x.Count;
        var folds = Enumerable.Range(0, dealings).Select(d => InnerFolds.Assign(liked, innerFolds, d)).ToArray();
        // outOfFold[k][d][i]: work i's score at C = cGrid[k] in dealing d.
        var outOfFold = cGrid.Select(_ => Enumerable.Range(0, dealings).Select(_ => new double[n]).ToArray()).ToArray();
        LinearModel? final = null;
        // The inner folds and the final fit are independent single-threaded fits: run them side by side.
        // Each writes only its own rows, so the result does not depend on scheduling.
        var fits = dealings * innerFolds;
        Parallel.For(0, fits + 1, new ParallelOptions { CancellationToken = ct }, job =>
        {
            if (job == fits)
            {
                if (cGrid.Count == 1) final = Fit(x, liked, cGrid[0]);
                return;
            }
            var (dealing, fold) = Math.DivRem(job, innerFolds);
            using var activity = TrainingTelemetry.Start("inner fold")?.SetTag(TrainingTelemetry.FoldTag, fold).SetTag(TrainingTelemetry.DealingTag, dealing);
            var train = Enumerable.Range(0, n).Where(i => folds[dealing][i] != fold).ToArray();
            var held = Enumerable.Range(0, n).Where(i => folds[dealing][i] == fold).ToArray();
            var (trainRows, heldRows) = foldFeatures?.Invoke(train, held) ?? (x.Select(train), x.Select(held));
            var trainLiked = train.Select(i => liked[i]).ToArray();
            var ratios = naiveBayesVote is null ? null : NaiveBayesVote.Ratios(trainRows, trainLiked);
            LinearModel? previous = null;
            for (var k = 0; k < cGrid.Count; k++)
            {
                previous = LogisticRegression.Fit(trainRows, trainLiked, cGrid[k], previous, ct, relativeDecrease: relativeDecrease);
                var scoring = ratios is null ? previous : NaiveBayesVote.Join(previous, ratios, trainRows, naiveBayesVote!.Value);
                for (var h = 0; h < held.Length; h++) outOfFold[k][dealing][held[h]] = scoring.Score(heldRows, h);
            }
        });

        // By AP the threshold is needed only at the chosen C; by F1 each C's own threshold is part of the comparison.
        var thresholds = new double?[cGrid.Count];
        double ThresholdAt(int k) => thresholds[k] ??= rule.Choose(outOfFold[k], liked);
        var best = 0;
        var bestQuality = -1.0;
        var quality = new double[cGrid.Count];
        for (var k = 0; k < cGrid.Count; k++)
        {
            quality[k] = chooseCBy == CChoice.F1
                ? F1(outOfFold[k], liked, ThresholdAt(k))
                : outOfFold[k].Average(scores => Evaluation.Ranking.AveragePrecision(scores, liked));
            if (quality[k] > bestQuality) (bestQuality, best) = (quality[k], k);
        }
        if (chooseCBy == CChoice.OneStandardError && cGrid.Count > 1)
        {
            var within = bestQuality - outOfFold[best].Average(scores => AveragePrecisionSpread(scores, liked));
            best = Enumerable.Range(0, cGrid.Count).Where(k => quality[k] >= within).MinBy(k => cGrid[k]);
        }
        var model = final ?? Fit(x, liked, cGrid[best]);
        // The first dealing's scores: one per work, as every caller (calibration, the shared model's pick) expects.
        return new LinearHead(model, ThresholdAt(best), cGrid[best], outOfFold[best][0]);

        LinearModel Fit(SparseRows rows, IReadOnlyList<bool> labels, double c)
        {
            var regression = LogisticRegression.Fit(rows, labels, c, ct: ct, relativeDecrease: relativeDecrease);
            return naiveBayesVote is { } weight ? NaiveBayesVote.Join(regression, NaiveBayesVote.Ratios(rows, labels), rows, weight) : regression;
        }
    }

    /// <summary>
    /// Standard deviation of the average precision over bootstrap resamples of the rows (seeded, so the same labels
    /// choose the same C). Rows are sorted once; a resample only reweights them.
    /// </summary>
    internal static double AveragePrecisionSpread(double[] scores, IReadOnlyList<bool> liked)
    {
        const int resamples = 100;
        var n = scores.Length;
        var order = HighestFirst(scores);
        var random = new Random(29);
        var count = new int[n];
        var values = new List<double>(resamples);
        for (var b = 0; b < resamples; b++)
        {
            Resample(random, count);
            if (WeightedAveragePrecision(scores, order, liked, count) is { } value) values.Add(value);
        }
        if (values.Count < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    static int[] HighestFirst(double[] scores) => [.. Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i])];

    /// <summary>Draws rows with replacement: <paramref name="count"/>[i] is how often row i was drawn.</summary>
    static void Resample(Random random, int[] count)
    {
        Array.Clear(count);
        for (var i = 0; i < count.Length; i++) count[random.Next(count.Length)]++;
    }

    /// <summary>Average precision of the rows weighted by how often a resample drew them; null when it drew no liked row.</summary>
    static double? WeightedAveragePrecision(double[] scores, int[] order, IReadOnlyList<bool> liked, int[] count)
    {
        var n = scores.Length;
        var positives = 0;
        for (var i = 0; i < n; i++) if (liked[i]) positives += count[i];
        if (positives == 0) return null;
        double truePositives = 0, seen = 0, sum = 0, previousRecall = 0;
        for (var k = 0; k < n;)
        {
            // Tied scores are one point of the curve, as in Ranking.AveragePrecision.
            var end = k;
            do
            {
                var row = order[end++];
                seen += count[row];
                if (liked[row]) truePositives += count[row];
            } while (end < n && scores[order[end]] == scores[order[k]]);
            k = end;
            if (seen == 0) continue;
            var recall = truePositives / positives;
            sum += (recall - previousRecall) * (truePositives / seen);
            previousRecall = recall;
        }
        return sum;
    }

    /// <summary>F1 of the decisions of every dealing together.</summary>
    private static double F1(double[][] dealings, IReadOnlyList<bool> liked, double threshold)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var scores in dealings)
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

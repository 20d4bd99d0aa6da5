namespace Konomi.TasteModels.Learning;

/// <summary>
/// How the decision threshold is chosen from out-of-fold scores of the training data: the one with the
/// best F1 (default), or the highest one that still catches <see cref="TargetRecall"/> of the liked works.
/// </summary>
public sealed class ThresholdRule
{
    /// <summary>e.g. 0.95: "catch 95% of what the user likes"; null means maximise F1.</summary>
    public double? TargetRecall { get; set; }

    /// <summary>Folds inside the training data that give the out-of-fold scores the threshold is chosen on.</summary>
    public int InnerFolds { get; set; } = 3;

    /// <summary>
    /// Share of bootstrap resamples of the out-of-fold scores on which the best F1 cut must beat posting everything
    /// for it to be kept; otherwise everything is posted. 0 keeps the best cut always.
    /// </summary>
    public double SureOfCut { get; set; } = 0.9;

    /// <summary>Resamples behind <see cref="SureOfCut"/>.</summary>
    const int Resamples = 200;

    public double Choose(IReadOnlyList<double> scores, IReadOnlyList<bool> liked)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var positives = liked.Count(l => l);
        if (positives == 0) return 1;
        var truePositives = 0;
        var bestCut = 0;
        var bestF1 = -1.0;
        for (var k = 0; k < order.Length; k++)
        {
            if (liked[order[k]]) truePositives++;
            // A cut is only possible between distinct scores.
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]]) continue;
            var recall = (double)truePositives / positives;
            if (TargetRecall is { } target)
            {
                if (recall >= target) { bestCut = k; break; }
                continue;
            }
            var f1 = 2.0 * truePositives / (k + 1 + positives);
            if (f1 > bestF1) (bestF1, bestCut) = (f1, k);
        }
        var lowestIn = scores[order[bestCut]];
        // Posting everything is the cut below every score, and it also posts works scoring below every training one.
        if (TargetRecall is null && bestCut + 1 < order.Length && !BeatsPostingEverything(scores, liked, lowestIn))
            return 0;
        // Midway to the next lower score, so the threshold is not glued to one training example.
        return bestCut + 1 < order.Length ? (lowestIn + scores[order[bestCut + 1]]) / 2 : lowestIn;
    }

    /// <summary>
    /// Whether posting only scores ≥ <paramref name="cut"/> has a higher F1 than posting everything on at least
    /// <see cref="SureOfCut"/> of bootstrap resamples of the out-of-fold scores. The best of many cuts on a few dozen
    /// labels is picked partly for its luck; when the liked share is high, posting everything is already near the
    /// best F1, and withholding works the user may like needs evidence that outlasts that luck.
    /// </summary>
    bool BeatsPostingEverything(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, double cut)
    {
        if (SureOfCut <= 0) return true;
        // Seeded: the same labels give the same threshold.
        var random = new Random(13);
        var n = scores.Count;
        var better = 0.0;
        for (var b = 0; b < Resamples; b++)
        {
            int truePositives = 0, falsePositives = 0, positives = 0;
            for (var i = 0; i < n; i++)
            {
                var pick = random.Next(n);
                if (liked[pick]) positives++;
                if (scores[pick] < cut) continue;
                if (liked[pick]) truePositives++;
                else falsePositives++;
            }
            var difference = 2.0 * truePositives / (truePositives + falsePositives + positives) - 2.0 * positives / (n + positives);
            better += positives == 0 || difference == 0 ? 0.5 : difference > 0 ? 1 : 0;
        }
        return better / Resamples >= SureOfCut;
    }
}

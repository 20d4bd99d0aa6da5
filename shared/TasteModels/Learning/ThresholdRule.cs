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
        // Midway to the next lower score, so the threshold is not glued to one training example.
        return bestCut + 1 < order.Length ? (lowestIn + scores[order[bestCut + 1]]) / 2 : lowestIn;
    }
}

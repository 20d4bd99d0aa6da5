namespace Konomi.TasteModels.Evaluation;

/// <summary>Threshold-free quality of scores: ROC-AUC (ties count half) and average precision (PR-AUC, as scikit-learn computes it).</summary>
public static class Ranking
{
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> liked)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var positives = liked.Count(l => l);
        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var rankSum = 0.0;
        for (var k = 0; k < order.Length;)
        {
            var end = k;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[k]]) end++;
            var averageRank = (k + end) / 2.0 + 1;
            for (var m = k; m <= end; m++) if (liked[order[m]]) rankSum += averageRank;
            k = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> liked)
    {
        if (!liked.Contains(true)) return double.NaN;
        double sum = 0, previousRecall = 0;
        foreach (var point in PrecisionRecallCurve(scores, liked))
        {
            sum += (point.Recall - previousRecall) * point.Precision;
            previousRecall = point.Recall;
        }
        return sum;
    }

    /// <summary>
    /// One point per distinct score, highest first: precision and recall when everything scoring at least
    /// <see cref="PrecisionRecallPoint.Threshold"/> counts as liked. Empty when nothing is liked.
    /// </summary>
    public static IReadOnlyList<PrecisionRecallPoint> PrecisionRecallCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> liked)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var positives = liked.Count(l => l);
        var points = new List<PrecisionRecallPoint>();
        if (positives == 0) return points;
        var truePositives = 0;
        for (var k = 0; k < order.Length;)
        {
            var end = k;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[k]]) end++;
            for (var m = k; m <= end; m++) if (liked[order[m]]) truePositives++;
            points.Add(new PrecisionRecallPoint(scores[order[k]], (double)truePositives / (end + 1), (double)truePositives / positives));
            k = end + 1;
        }
        return points;
    }
}

namespace Konomi.TasteModels.Evaluation;

/// <summary>How well scores and a threshold separate liked from not-liked on one set of examples.</summary>
public sealed record ClassificationMetrics(
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double RocAuc,
    double PrAuc,
    double Threshold,
    ConfusionMatrix Confusion)
{
    public static ClassificationMetrics Measure(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && liked[i]) tp++;
            else if (predicted) fp++;
            else if (liked[i]) fn++;
            else tn++;
        }
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        return new ClassificationMetrics(
            scores.Count == 0 ? 0 : (double)(tp + tn) / scores.Count,
            precision, recall, f1,
            Ranking.RocAuc(scores, liked), Ranking.AveragePrecision(scores, liked),
            threshold, new ConfusionMatrix(tp, fp, tn, fn));
    }
}

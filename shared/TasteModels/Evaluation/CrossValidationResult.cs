using Konomi.Storage.Ports;

namespace Konomi.TasteModels.Evaluation;

/// <summary>Per-fold results and their means; <see cref="ToModelMetrics"/> is what the model registry stores.</summary>
public sealed record CrossValidationResult(string Family, int Examples, int Positives, IReadOnlyList<FoldResult> Folds)
{
    public double Accuracy => Mean(m => m.Accuracy);
    public double Precision => Mean(m => m.Precision);
    public double Recall => Mean(m => m.Recall);
    public double F1 => Mean(m => m.F1);
    public double RocAuc => Mean(m => m.RocAuc);
    public double PrAuc => Mean(m => m.PrAuc);
    public double Threshold => Mean(m => m.Threshold);

    /// <summary>Summed over folds: every example is counted once, in the fold where it was a test example.</summary>
    public ConfusionMatrix Confusion => Folds.Select(f => f.Metrics.Confusion).Aggregate(new ConfusionMatrix(0, 0, 0, 0), (a, b) => a + b);

    /// <summary>Every example's out-of-fold score, pooled over folds: what a curve of held-out quality is drawn from.</summary>
    public IReadOnlyList<PrecisionRecallPoint> PrecisionRecallCurve()
    {
        var scored = Folds.SelectMany(f => f.Scored).ToArray();
        return Ranking.PrecisionRecallCurve([.. scored.Select(s => s.Score)], [.. scored.Select(s => s.Liked)]);
    }

    /// <summary>Mean seconds to train one fold's model.</summary>
    public double TrainSeconds => Folds.Average(f => f.TrainSeconds);

    public double ScoresPerSecond => Folds.Sum(f => f.TestExamples) / Math.Max(Folds.Sum(f => f.ScoreSeconds), 1e-9);

    public ModelMetrics ToModelMetrics() =>
        new(Examples, Positives, Folds.Count, Accuracy, Precision, Recall, F1, RocAuc, PrAuc, Threshold);

    private double Mean(Func<ClassificationMetrics, double> metric) => Folds.Average(f => metric(f.Metrics));
}

using System.Text.Json.Serialization;

namespace Konomi.TasteModels.Evaluation;

/// <summary>
/// Per-fold results, their means, and the figures a user would see: F1 pooled from the summed confusion matrix,
/// average precision and precision@k of the pooled out-of-fold scores, beside "post everything".
/// The trainer stores them in the model registry as <c>ModelMetrics</c>.
/// </summary>
public sealed record CrossValidationResult(string Family, int Examples, int Positives, IReadOnlyList<FoldResult> Folds)
{
    public double Accuracy => Mean(m => m.Accuracy);
    public double Precision => Mean(m => m.Precision);
    public double Recall => Mean(m => m.Recall);
    public double F1 => Mean(m => m.F1);
    public double RocAuc => Mean(m => m.RocAuc);
    public double PrAuc => Mean(m => m.PrAuc);
    public double Threshold => Mean(m => m.Threshold);

    /// <summary>Each example's score from the fold model that never saw it, in example order.</summary>
    [JsonIgnore] public IReadOnlyList<double> OutOfFold { get; init; } = [];

    [JsonIgnore] public IReadOnlyList<bool> Liked { get; init; } = [];

    [JsonIgnore] public IReadOnlyList<int> FoldOf { get; init; } = [];

    /// <summary>Summed over folds: every example is counted once, in the fold where it was a test example.</summary>
    public ConfusionMatrix Confusion => Folds.Select(f => f.Metrics.Confusion).Aggregate(new ConfusionMatrix(0, 0, 0, 0), (a, b) => a + b);

    /// <summary>F1 of the summed TP/FP/FN: every decision counts once, however the folds fell.</summary>
    public double F1Pooled => Confusion is var c && c.TruePositives == 0 ? 0 : 2.0 * c.TruePositives / (2 * c.TruePositives + c.FalsePositives + c.FalseNegatives);

    /// <summary>Whether each example was posted: its out-of-fold score against its fold model's threshold, in example order.</summary>
    public IReadOnlyList<bool> Posted()
    {
        var threshold = Folds.ToDictionary(f => f.Fold, f => f.Metrics.Threshold);
        return [.. OutOfFold.Select((score, i) => score >= threshold[FoldOf[i]])];
    }

    /// <summary>Average precision of the pooled out-of-fold scores.</summary>
    public double AveragePrecision => Ranking.AveragePrecision(OutOfFold, Liked);

    /// <summary>F1 of posting every work: the trivial policy a model must beat.</summary>
    public double PostEverythingF1 => Examples == 0 ? 0 : 2.0 * Positives / (Examples + Positives);

    /// <summary>
    /// Share of liked works among each test fold's k best-scored ones (a fold stands for one crawl, k for the
    /// user's MaxPerRun), averaged over folds.
    /// </summary>
    public double PrecisionAtK(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        return Folds.Average(f =>
        {
            var top = Enumerable.Range(0, OutOfFold.Count).Where(i => FoldOf[i] == f.Fold)
                .OrderByDescending(i => OutOfFold[i]).ThenBy(i => i).Take(k).ToList();
            return top.Count == 0 ? 0 : (double)top.Count(i => Liked[i]) / top.Count;
        });
    }

    /// <summary>The curve of held-out quality, drawn from every example's out-of-fold score.</summary>
    public IReadOnlyList<PrecisionRecallPoint> PrecisionRecallCurve() => Ranking.PrecisionRecallCurve(OutOfFold, Liked);

    /// <summary>Mean seconds to train one fold's model.</summary>
    public double TrainSeconds => Folds.Average(f => f.TrainSeconds);

    public double ScoresPerSecond => Folds.Sum(f => f.TestExamples) / Math.Max(Folds.Sum(f => f.ScoreSeconds), 1e-9);

    private double Mean(Func<ClassificationMetrics, double> metric) => Folds.Average(f => metric(f.Metrics));
}

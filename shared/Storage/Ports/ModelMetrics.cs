using Konomi.Contracts;

namespace Konomi.Storage.Ports;

/// <summary>
/// Cross-validated figures of a model (means over folds) and its decision threshold, plus the figures a user
/// would see (F1 pooled from the summed confusion matrix, average precision, precision@<see cref="K"/>, and
/// "post everything" beside them), the calibration its scores are shown through, and where it came from.
/// </summary>
public sealed record ModelMetrics(
    int Examples,
    int Positives,
    int Folds,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double RocAuc,
    double PrAuc,
    double Threshold)
{
    public double F1Pooled { get; init; }

    public double AveragePrecision { get; init; }

    public double PrecisionAtK { get; init; }

    /// <summary>The k of <see cref="PrecisionAtK"/>: the user's maximum posts per crawl.</summary>
    public int K { get; init; }

    public double PostEverythingF1 { get; init; }

    /// <summary>Raw score to probability (Platt scaling on out-of-fold scores); null for versions older than it.</summary>
    public ScoreCalibration? Calibration { get; init; }

    /// <summary>What trained it: a second version with the same recipe and no new labels would be the same model.</summary>
    public ModelRecipe? Recipe { get; init; }

    /// <summary>The newest label time it learned from: labels after it are fresh evidence the model never saw.</summary>
    public DateTimeOffset? TrainedThrough { get; init; }

    /// <summary>How the promotion gate measured it against the model it would replace.</summary>
    public GateEvidence? Gate { get; init; }

    /// <summary>
    /// The F1 every view shows (the model card, <c>konomi models list</c>, <c>konomi status</c>, the Model page): pooled
    /// over the folds' held-out predictions, as the gate judges; a version from before pooled figures shows its per-fold mean.
    /// </summary>
    public double ShownF1() => Pooled() ? F1Pooled : F1;

    /// <summary>The average precision every view shows, pooled as <see cref="ShownF1"/> is (so it matches the gate's AP).</summary>
    public double ShownAveragePrecision() => Pooled() ? AveragePrecision : PrAuc;

    bool Pooled() => F1Pooled > 0 || AveragePrecision > 0;
}

using Konomi.Storage.Ports;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Trainer;

/// <summary>How a cross-validation becomes the figures the model registry keeps: one metrics type, written here only.</summary>
public static class RegistryMetrics
{
    /// <summary>Means over folds, the pooled figures a user would see, and precision@<paramref name="k"/> (the user's posts per crawl).</summary>
    public static ModelMetrics ToModelMetrics(this CrossValidationResult result, int k) =>
        new(result.Examples, result.Positives, result.Folds.Count, result.Accuracy, result.Precision, result.Recall, result.F1,
            result.RocAuc, result.PrAuc, result.Threshold)
        {
            F1Pooled = result.F1Pooled,
            AveragePrecision = result.AveragePrecision,
            PrecisionAtK = result.PrecisionAtK(k),
            K = k,
            PostEverythingF1 = result.PostEverythingF1,
        };
}

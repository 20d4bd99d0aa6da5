using Konomi.Storage.Ports;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Trainer;

/// <summary>
/// Means over folds that skip a fold where a figure is undefined. A user's few labels, split by hash, often
/// leave a test fold without a liked work: its recall, F1 and PR-AUC are 0/0 (the library counts them as 0,
/// or NaN for the AUCs), and averaging them in would punish the model for the split instead of its answers.
/// </summary>
public static class CrossValidatedMetrics
{
    public static ModelMetrics From(CrossValidationResult result) => new(
        result.Examples,
        result.Positives,
        result.Folds.Count,
        Mean(result, m => m.Accuracy, _ => true),
        Mean(result, m => m.Precision, c => c.TruePositives + c.FalsePositives > 0),
        Mean(result, m => m.Recall, HasLiked),
        Mean(result, m => m.F1, HasLiked),
        Mean(result, m => m.RocAuc, c => HasLiked(c) && c.TrueNegatives + c.FalsePositives > 0),
        Mean(result, m => m.PrAuc, HasLiked),
        Mean(result, m => m.Threshold, _ => true));

    static bool HasLiked(ConfusionMatrix c) => c.TruePositives + c.FalseNegatives > 0;

    static double Mean(CrossValidationResult result, Func<ClassificationMetrics, double> figure, Func<ConfusionMatrix, bool> defined)
    {
        var values = result.Folds.Where(f => defined(f.Metrics.Confusion)).Select(f => figure(f.Metrics)).ToList();
        return values.Count == 0 ? 0 : values.Average();
    }
}

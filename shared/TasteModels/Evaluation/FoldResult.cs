namespace Konomi.TasteModels.Evaluation;

/// <summary>One fold: trained on the other folds, measured on this one.</summary>
public sealed record FoldResult(int Fold, int TrainExamples, int TestExamples, ClassificationMetrics Metrics, double TrainSeconds, double ScoreSeconds);

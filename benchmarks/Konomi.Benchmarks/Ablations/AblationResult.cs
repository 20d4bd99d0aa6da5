namespace Konomi.Benchmarks.Ablations;

/// <summary>One variant on one setting, pooled over the five folds: F1 of the summed decisions, AP of the pooled out-of-fold scores.</summary>
public sealed record AblationResult(string Variant, string Setting, double F1, double AveragePrecision, int FoldsPostingEverything);

namespace Konomi.Benchmarks.Ablations;

/// <summary>One variant on one setting, pooled over the five folds: F1 of the summed decisions, AP of the pooled out-of-fold scores.</summary>
public sealed record AblationResult(string Variant, string Setting, double F1, double AveragePrecision, int FoldsPostingEverything)
{
    /// <summary>Whether each row of the setting was posted, in the task file's order: for the paired comparison with the peer.</summary>
    public required IReadOnlyList<bool> Posted { get; init; }

    /// <summary>The labels of those rows (Konomi's rows carry them; the peer's are the same rows).</summary>
    public IReadOnlyList<bool> Liked { get; init; } = [];
}

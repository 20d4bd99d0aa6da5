namespace Konomi.TasteModels.Learning;

/// <summary>What inner cross-validation compares when it picks C from the grid.</summary>
public enum CChoice
{
    /// <summary>F1 at each C's own chosen threshold.</summary>
    F1,

    /// <summary>
    /// Average precision of the out-of-fold scores: the ranking alone, without the threshold, whose best cut on a few
    /// hundred labels is partly luck.
    /// </summary>
    AveragePrecision,
}

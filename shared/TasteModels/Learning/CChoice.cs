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

    /// <summary>
    /// Average precision, but the smallest C (the most regularised) whose average precision is within one standard error
    /// of the best: the one-standard-error rule (Hastie, Tibshirani &amp; Friedman, ESL §7.10). The error is the best C's
    /// bootstrap spread over the out-of-fold rows. On a few hundred labels the best of several Cs wins partly by luck, and
    /// a weaker penalty that wins by luck overfits the next works.
    /// </summary>
    OneStandardError,
}

namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// Mean held-out F1 after each number of labels, for random order and for Konomi's order, and the fewest
/// labels after which Konomi's order matched random order's F1 at the largest checkpoint.
/// </summary>
public sealed record LabellingCurve(
    string Data,
    int Examples,
    int Positives,
    int Runs,
    IReadOnlyList<LabellingPoint> Points,
    int? KonomiLabelsToMatchRandomAtMost);

namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// Each order's held-out F1 after each number of labels (paired against random order) and the labels it needed to
/// reach <see cref="Target"/> F1, over <see cref="Runs"/> runs.
/// </summary>
public sealed record LabellingCurve(
    string Data,
    int Examples,
    int Positives,
    int Runs,
    int FirstScreen,
    double Target,
    string TargetRule,
    IReadOnlyList<OrderCurve> Orders);

/// <summary>One order's points and its labels to the target.</summary>
public sealed record OrderCurve(string Order, IReadOnlyList<LabellingPoint> Points, LabelsToTarget ToTarget);

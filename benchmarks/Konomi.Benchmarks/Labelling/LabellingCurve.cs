namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// Each order's held-out F1 after each number of labels (paired against random order) and the labels it needed to
/// reach each target F1 (<see cref="TargetRule"/>), over <see cref="Runs"/> runs.
/// </summary>
public sealed record LabellingCurve(
    string Data,
    int Examples,
    int Positives,
    int Runs,
    int FirstScreen,
    string TargetRule,
    IReadOnlyList<OrderCurve> Orders);

/// <summary>One order's points and its labels to each target.</summary>
public sealed record OrderCurve(string Order, IReadOnlyList<LabellingPoint> Points, IReadOnlyList<LabelsToTarget> ToTargets);

namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// Labels an order needed to reach the target F1 (<see cref="F1"/>, <see cref="Share"/> of random order's mean F1 at the
/// largest checkpoint) (the first checkpoint at or above it), over the runs: how many runs
/// reached it, the median (null when half the runs never did: a run that never reaches it counts as more than the
/// largest checkpoint), and run by run against random order, in how many runs it needed fewer, as many, or more
/// (never reaching it is more than any count; both never reaching it is as many).
/// </summary>
public sealed record LabelsToTarget(double Share, double F1, int Reached, int Runs, int? Median, int Fewer, int Same, int More)
{
    public static LabelsToTarget Of(double share, double f1, IReadOnlyList<int?> labels, IReadOnlyList<int?> random)
    {
        var sorted = labels.Select(l => l ?? int.MaxValue).Order().ToArray();
        var median = sorted.Length == 0 ? int.MaxValue : sorted[(sorted.Length - 1) / 2];
        var compared = labels.Zip(random, (o, r) => (o ?? int.MaxValue).CompareTo(r ?? int.MaxValue)).ToArray();
        return new LabelsToTarget(share, f1, labels.Count(l => l is not null), labels.Count, median == int.MaxValue ? null : median,
            compared.Count(c => c < 0), compared.Count(c => c == 0), compared.Count(c => c > 0));
    }
}

using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// One checkpoint of an <see cref="OrderCurve"/>: the order's mean held-out F1 (null when the pool is smaller), and the
/// order minus random order over the same runs with its 95% interval (Student t over the paired runs): an interval
/// that holds 0 says neither order is shown better.
/// </summary>
public sealed record LabellingPoint(int Labels, double? F1, double? Difference = null, double? DifferenceLow = null, double? DifferenceHigh = null)
{
    /// <summary>Run i of both orders shares its fold, seed and pool, so the difference is taken run by run.</summary>
    public static LabellingPoint Paired(int labels, IReadOnlyList<double>? random, IReadOnlyList<double>? order)
    {
        var mean = order is null or [] ? (double?)null : Math.Round(order.Average(), 4);
        if (random is null || order is null || random.Count != order.Count || random.Count < 2)
            return new LabellingPoint(labels, mean);
        var differences = order.Zip(random, (o, r) => o - r).ToArray();
        var difference = differences.Mean();
        var half = StudentT.InvCDF(0, 1, differences.Length - 1, 0.975) * differences.StandardDeviation() / Math.Sqrt(differences.Length);
        return new LabellingPoint(labels, mean, Math.Round(difference, 4), Math.Round(difference - half, 4), Math.Round(difference + half, 4));
    }
}

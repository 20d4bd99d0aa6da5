using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// One checkpoint of a <see cref="LabellingCurve"/>: mean held-out F1 of each order (null when the pool is smaller),
/// and Konomi's order minus random order over the same runs with its 95% interval (Student t over the paired runs):
/// an interval that holds 0 says neither order is shown better.
/// </summary>
public sealed record LabellingPoint(int Labels, double? Random, double? Konomi, double? Difference = null, double? DifferenceLow = null, double? DifferenceHigh = null)
{
    /// <summary>Run i of both orders shares its fold, seed and first labels, so the difference is taken run by run.</summary>
    public static LabellingPoint Paired(int labels, IReadOnlyList<double>? random, IReadOnlyList<double>? konomi)
    {
        static double? Mean(IReadOnlyList<double>? values) => values is null ? null : Math.Round(values.Average(), 4);
        if (random is null || konomi is null || random.Count != konomi.Count || random.Count < 2)
            return new LabellingPoint(labels, Mean(random), Mean(konomi));
        var differences = konomi.Zip(random, (k, r) => k - r).ToArray();
        var mean = differences.Mean();
        var half = StudentT.InvCDF(0, 1, differences.Length - 1, 0.975) * differences.StandardDeviation() / Math.Sqrt(differences.Length);
        return new LabellingPoint(labels, Mean(random), Mean(konomi), Math.Round(mean, 4), Math.Round(mean - half, 4), Math.Round(mean + half, 4));
    }
}

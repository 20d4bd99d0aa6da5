using Konomi.TasteModels.Evaluation;

namespace Konomi.Trainer;

/// <summary>
/// How sure a few dozen labels make us that one ranking is worse than another: resample the labels with
/// replacement, recompute both average precisions on the same resample, and count how often the candidate
/// loses. Seeded, so the same labels always give the same decision.
/// </summary>
public static class PairedBootstrap
{
    public sealed record Result(double Candidate, double Incumbent, double ProbabilityWorse, double Low, double High);

    public static Result Compare(IReadOnlyList<double> candidate, IReadOnlyList<double> incumbent, IReadOnlyList<bool> liked, int samples, int seed = 13)
    {
        var random = new Random(seed);
        var n = liked.Count;
        var differences = new List<double>(samples);
        var worse = 0.0;
        var c = new double[n];
        var s = new double[n];
        var l = new bool[n];
        for (var b = 0; b < samples; b++)
        {
            for (var i = 0; i < n; i++)
            {
                var pick = random.Next(n);
                (c[i], s[i], l[i]) = (candidate[pick], incumbent[pick], liked[pick]);
            }
            // A resample without a liked work has no average precision; it says nothing either way.
            if (!l.Contains(true)) continue;
            var difference = Ranking.AveragePrecision(c, l) - Ranking.AveragePrecision(s, l);
            differences.Add(difference);
            worse += difference < 0 ? 1 : difference == 0 ? 0.5 : 0;
        }
        differences.Sort();
        return new Result(
            Ranking.AveragePrecision(candidate, liked),
            Ranking.AveragePrecision(incumbent, liked),
            differences.Count == 0 ? 0.5 : worse / differences.Count,
            Quantile(differences, 0.05),
            Quantile(differences, 0.95));
    }

    static double Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Floor(q * (sorted.Count - 1)), 0, sorted.Count - 1)];
}

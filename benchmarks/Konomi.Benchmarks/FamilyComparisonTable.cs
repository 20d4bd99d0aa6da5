using System.Globalization;

namespace Konomi.Benchmarks;

/// <summary>
/// Konomi's families side by side on each setting, ranking included: F1 as the peer reports it (mean over folds),
/// F1 and average precision pooled over the out-of-fold scores, the trivial post-everything F1, and the peer's F1 (fold
/// mean and pooled) and pooled average precision: pooled beside pooled, since a fold mean of AP is not a pooled AP.
/// </summary>
public static class FamilyComparisonTable
{
    public static string Render(IReadOnlyList<ModelBenchmarkRow> rows)
    {
        var lines = new List<string>
        {
            "| setting | model | F1 (fold mean) | F1 pooled | AP pooled | post everything F1 | peer F1 (fold mean) | peer F1 pooled | peer AP pooled |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var (setting, konomi, peer) in rows)
            lines.Add($"| {setting} | {konomi.Family} | {F(konomi.F1)} | {F(konomi.F1Pooled)} | {F(konomi.AveragePrecision)} | {F(konomi.PostEverythingF1)} | {F(peer.TrainFolds.F1)} | {F(peer.Pooled.F1)} | {F(peer.Pooled.AveragePrecision)} |");
        return string.Join('\n', lines);
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}

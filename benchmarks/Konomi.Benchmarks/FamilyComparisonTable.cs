using System.Globalization;

namespace Konomi.Benchmarks;

/// <summary>
/// Konomi's families side by side on each setting, ranking included: F1 as the peer reports it (mean over folds),
/// F1 and average precision pooled over the out-of-fold scores, the trivial post-everything F1, and the peer's F1 (fold
/// mean and pooled) and pooled average precision: pooled beside pooled, since a fold mean of AP is not a pooled AP.
/// The last column is the pooled F1 difference with its paired bootstrap interval (<see cref="PairedF1Difference"/>),
/// marked ▼ where the whole interval is below the peer; a line under the table counts those rows.
/// </summary>
public static class FamilyComparisonTable
{
    public static string Render(IReadOnlyList<ModelBenchmarkRow> rows)
    {
        var lines = new List<string>
        {
            "| setting | model | F1 (fold mean) | F1 pooled | AP pooled | post everything F1 | peer F1 (fold mean) | peer F1 pooled | peer AP pooled | F1 pooled − peer (95% paired bootstrap) |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        var clearlyBehind = 0;
        foreach (var (setting, konomi, peer) in rows)
        {
            var d = PairedF1Difference.Of(konomi.Liked, konomi.Posted(), peer.Pooled.Posted);
            if (d.ClearlyBehind) clearlyBehind++;
            lines.Add($"| {setting} | {konomi.Family} | {F(konomi.F1)} | {F(konomi.F1Pooled)} | {F(konomi.AveragePrecision)} | {F(konomi.PostEverythingF1)} | {F(peer.TrainFolds.F1)} | {F(peer.Pooled.F1)} | {F(peer.Pooled.AveragePrecision)} | {S(d.Difference)} [{S(d.Low)}, {S(d.High)}]{(d.ClearlyBehind ? " ▼" : "")} |");
        }
        lines.Add("");
        lines.Add($"Rows behind the peer's pooled F1 beyond their 95% paired bootstrap interval: {clearlyBehind} of {rows.Count}.");
        return string.Join('\n', lines);
    }

    private static string S(double value) => value.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}

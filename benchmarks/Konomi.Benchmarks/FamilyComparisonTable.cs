using Konomi.TasteModels.Evaluation;
using System.Globalization;

namespace Konomi.Benchmarks;

/// <summary>
/// Konomi's families side by side on each setting, ranking included: F1 as the peer reports it (mean over folds),
/// F1 and average precision pooled over the out-of-fold scores, the trivial post-everything F1, and the peer's F1 (fold
/// mean and pooled) and pooled average precision: pooled beside pooled, since a fold mean of AP is not a pooled AP.
/// The last column is the pooled F1 difference with its paired bootstrap interval (<see cref="PairedF1Difference"/>),
/// marked ▼ where the whole interval is below the peer.
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
        foreach (var (setting, konomi, peer) in rows)
            lines.Add($"| {setting} | {konomi.Family} | {F(konomi.F1)} | {F(konomi.F1Pooled)} | {F(konomi.AveragePrecision)} | {F(konomi.PostEverythingF1)} | {F(peer.TrainFolds.F1)} | {F(peer.Pooled.F1)} | {F(peer.Pooled.AveragePrecision)} | {Difference(konomi, peer)} |");
        return string.Join('\n', lines);
    }

    /// <summary>How many rows are behind the peer beyond the noise of their own labels.</summary>
    public static int ClearlyBehind(IReadOnlyList<ModelBenchmarkRow> rows) =>
        rows.Count(r => r.Peer.Pooled.Decisions.Count == r.Konomi.Examples && PairedDifference(r.Konomi, r.Peer).ClearlyBehind);

    static string Difference(CrossValidationResult konomi, PeerResult peer)
    {
        if (peer.Pooled.Decisions.Count != konomi.Examples) return "-";
        var d = PairedDifference(konomi, peer);
        return $"{S(d.Difference)} [{S(d.Low)}, {S(d.High)}]{(d.ClearlyBehind ? " ▼" : "")}";
    }

    static PairedF1Difference PairedDifference(CrossValidationResult konomi, PeerResult peer) =>
        PairedF1Difference.Of(konomi.Liked, konomi.Posted(), [.. peer.Pooled.Decisions.Select(d => d == 1)]);

    private static string S(double value) => value.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Konomi.Benchmarks.Ablations;

/// <summary>
/// The ablations as one Markdown table: a row per variant and the peer's row, a column per setting with
/// "F1 · AP" (pooled over folds), ▼ where F1 is below the peer's (▼▼ where the whole 95% paired bootstrap interval of
/// the difference is below: behind beyond the noise of that setting's labels, <see cref="PairedF1Difference"/>), and how
/// many settings are at least the peer and how many clearly behind.
/// </summary>
public static class AblationTable
{
    public static string Render(IReadOnlyList<AblationResult> konomi, IReadOnlyList<AblationResult> peer)
    {
        var settings = peer.Select(p => p.Setting).ToArray();
        var peerBySetting = peer.ToDictionary(p => p.Setting);
        var lines = new List<string>
        {
            "| variant | " + string.Join(" | ", settings.Select(s => $"{s} F1 · AP")) + " | settings F1 ≥ peer | clearly behind | mean F1 | mean AP |",
            "|---|" + string.Concat(settings.Select(_ => "---|")) + "---|---|---|---|",
        };
        foreach (var rows in konomi.GroupBy(r => r.Variant).Append(peer.GroupBy(p => p.Variant).Single()))
        {
            var bySetting = rows.ToDictionary(r => r.Setting);
            var isPeer = ReferenceEquals(rows.First(), peer[0]);
            var behind = settings.Select(s => isPeer ? false : ClearlyBehind(bySetting[s], peerBySetting[s])).ToArray();
            var cells = settings.Select((s, i) => Cell(bySetting[s], isPeer ? null : peerBySetting[s], behind[i]));
            var atLeastPeer = isPeer ? "-" : $"{settings.Count(s => bySetting[s].F1 >= peerBySetting[s].F1)}/{settings.Length}";
            var clearlyBehind = isPeer ? "-" : $"{behind.Count(b => b)}/{settings.Length}";
            lines.Add($"| {rows.Key} | {string.Join(" | ", cells)} | {atLeastPeer} | {clearlyBehind} | {F(rows.Average(r => r.F1))} | {F(rows.Average(r => r.AveragePrecision))} |");
        }
        return string.Join('\n', lines);
    }

    private static string Cell(AblationResult result, AblationResult? peer, bool clearlyBehind) =>
        $"{F(result.F1)} · {F(result.AveragePrecision)}{(peer is null || result.F1 >= peer.F1 ? "" : clearlyBehind ? " ▼▼" : " ▼")}";

    private static bool ClearlyBehind(AblationResult konomi, AblationResult peer) =>
        PairedF1Difference.Of(konomi.Liked, konomi.Posted, peer.Posted).ClearlyBehind;

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}

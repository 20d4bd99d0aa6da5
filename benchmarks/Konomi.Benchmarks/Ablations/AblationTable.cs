using System.Globalization;

namespace Konomi.Benchmarks.Ablations;

/// <summary>
/// The ablations as one Markdown table: a row per variant and the peer's row, a column per setting with
/// "F1 · AP" (pooled over folds), ▼ where F1 is below the peer's, and how many settings are at least the peer.
/// </summary>
public static class AblationTable
{
    public static string Render(IReadOnlyList<AblationResult> konomi, IReadOnlyList<AblationResult> peer)
    {
        var settings = peer.Select(p => p.Setting).ToArray();
        var peerF1 = peer.ToDictionary(p => p.Setting, p => p.F1);
        var lines = new List<string>
        {
            "| variant | " + string.Join(" | ", settings.Select(s => $"{s} F1 · AP")) + " | settings F1 ≥ peer | mean F1 | mean AP |",
            "|---|" + string.Concat(settings.Select(_ => "---|")) + "---|---|---|",
        };
        foreach (var rows in konomi.GroupBy(r => r.Variant).Append(peer.GroupBy(p => p.Variant).Single()))
        {
            var bySetting = rows.ToDictionary(r => r.Setting);
            var isPeer = ReferenceEquals(rows.First(), peer[0]);
            var cells = settings.Select(s => Cell(bySetting[s], isPeer ? null : peerF1[s]));
            var atLeastPeer = isPeer ? "-" : $"{settings.Count(s => bySetting[s].F1 >= peerF1[s])}/{settings.Length}";
            lines.Add($"| {rows.Key} | {string.Join(" | ", cells)} | {atLeastPeer} | {F(rows.Average(r => r.F1))} | {F(rows.Average(r => r.AveragePrecision))} |");
        }
        return string.Join('\n', lines);
    }

    private static string Cell(AblationResult result, double? peerF1) =>
        $"{F(result.F1)} · {F(result.AveragePrecision)}{(result.F1 < peerF1 ? " ▼" : "")}";

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Konomi.Benchmarks;

/// <summary>
/// The benchmark as a Markdown table. The peer's F1 is at the threshold chosen on training folds (as Konomi
/// does); its F1 at scikit-learn's default 0.5 is shown beside it. Training time compares like with like:
/// both include the inner cross-validation that picks the threshold.
/// </summary>
public static class ModelBenchmarkTable
{
    public static string Render(IReadOnlyList<ModelBenchmarkRow> rows)
    {
        var lines = new List<string>
        {
            "| setting | model | n | Konomi F1 | acc | AUC | peer F1 | peer F1@0.5 | acc | AUC | F1 ratio | Konomi train s | peer train s | ratio | Konomi scores/s | peer scores/s | ratio |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        foreach (var row in rows)
        {
            var (setting, konomi, peer) = row;
            var konomiRate = row.WholeFoldScoresPerSecond;
            lines.Add(string.Join(" | ",
                $"| {setting}", konomi.Family, konomi.Examples.ToString(CultureInfo.InvariantCulture),
                F(konomi.F1), F(konomi.Accuracy), F(konomi.RocAuc),
                F(peer.TrainFolds.F1), F(peer.Default.F1), F(peer.TrainFolds.Accuracy), F(peer.TrainFolds.RocAuc),
                F(konomi.F1 / peer.TrainFolds.F1),
                F(konomi.TrainSeconds), F(peer.TrainSecondsWithThreshold), $"{F(peer.TrainSecondsWithThreshold / konomi.TrainSeconds)}x faster",
                N(konomiRate), N(peer.ScoresPerSecond), $"{F(konomiRate / peer.ScoresPerSecond)}x |"));
        }
        return string.Join('\n', lines);
    }

    /// <summary>Scoring speed per batch size, Konomi and the peer from the same run (both featurise and score).</summary>
    public static string RenderBatchSpeed(IReadOnlyList<ModelBenchmarkRow> rows)
    {
        var sizes = rows.SelectMany(r => r.BatchScoresPerSecond.Keys).Distinct().Order().ToArray();
        var lines = new List<string>
        {
            "| setting | model | " + string.Join(" | ", sizes.Select(n => $"Konomi scores/s, batches of {n} | peer | ratio")) + " |",
            "|---|---|" + string.Concat(sizes.Select(_ => "---:|---:|---:|")),
        };
        foreach (var row in rows)
        {
            var cells = sizes.Select(n =>
            {
                var konomi = row.BatchScoresPerSecond.GetValueOrDefault(n, double.NaN);
                var peer = row.Peer.BatchScoresPerSecond.GetValueOrDefault(n.ToString(CultureInfo.InvariantCulture), double.NaN);
                return $"{N(konomi)} | {N(peer)} | {F(konomi / peer)}x";
            });
            lines.Add($"| {row.Setting} | {row.Konomi.Family} | {string.Join(" | ", cells)} |");
        }
        return string.Join('\n', lines);
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;

namespace Konomi.Benchmarks.Scale;

/// <summary>The benchmark's figures as Markdown tables, for docs/scale.md.</summary>
public static class ScaleTables
{
    public static string Render(string store, IReadOnlyList<RecordSizeRow> sizes, IReadOnlyList<TrainingRow> training,
        IReadOnlyList<UsersRow> users, IReadOnlyList<PipelineRow> pipeline, IReadOnlyList<ScoreWritesRow> writes)
    {
        var s = new StringBuilder();
        void Line(FormattableString line) => s.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"store: {store}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine().AppendLine("| users | pairs scored | pairs/s | pairs per CPU-second | each user alone: pairs/s | per CPU-second | model load s | managed heap MB | RSS MB |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in users) Line($"| {r.Users:N0} | {r.Pairs:N0} | {r.PairsPerSecond:N0} | {r.PairsPerCpuSecond:N0} | {r.AlonePairsPerSecond:N0} | {r.AlonePairsPerCpuSecond:N0} | {r.LoadSeconds:F1} | {r.ManagedMb:F0} | {r.RssMb:F0} |");
        s.AppendLine().AppendLine("| users | CPU µs per pair: model inputs | predictions and reasons | rest of the scorer (preferences, liked-work reasons) |").AppendLine("|---:|---:|---:|---:|");
        foreach (var r in users.Where(r => r.Breakdown is not null)) Line($"| {r.Users:N0} | {r.Breakdown!.InputsUs:F1} | {r.Breakdown.PredictUs:F1} | {r.Breakdown.RestUs:F1} |");
        s.AppendLine().AppendLine("| score writes | scores | scores/s |").AppendLine("|---|---:|---:|");
        foreach (var r in writes) Line($"| {r.Way} | {r.Scores:N0} | {r.ScoresPerSecond:N0} |");
        s.AppendLine().AppendLine("| users | new works | works/s through scoring | scores/s stored | WorkScored published | scores per CPU-second | CPU µs per work | gen2 GCs | p50 ms detection→scored | p99 ms | peak RSS MB |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in pipeline) Line($"| {r.Users:N0} | {r.Works:N0}{(r.Cut is null ? "" : $" ({r.Cut})")} | {r.WorksPerSecond:N0} | {r.ScoresPerSecond:N0} | {r.Published:N0} | {r.ScoresPerCpuSecond:N0} | {r.CpuUsPerWork:N0} | {r.Gen2Collections:N0} | {r.P50Ms:F0} | {r.P99Ms:F0} | {r.PeakRssMb:F0} |");
        s.AppendLine().AppendLine("| labels | training s | CPU s | model bytes |").AppendLine("|---:|---:|---:|---:|");
        foreach (var r in training) Line($"| {r.Labels:N0} | {r.WallSeconds:F1} | {r.CpuSeconds:F1} | {r.ModelBytes:N0} |");
        s.AppendLine().AppendLine("| record | measured over | bytes each |").AppendLine("|---|---:|---:|");
        foreach (var r in sizes) Line($"| {r.Record} | {r.Count:N0} | {r.BytesEach:N0} |");
        return s.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace Konomi.Benchmarks.Scale;

/// <summary>The benchmark's figures as Markdown tables, for docs/scale.md; a part not run prints nothing.</summary>
public static class ScaleTables
{
    public static string Render(string store, int bodyCharacters, double servingLimitMb, IReadOnlyList<RecordSizeRow> sizes, IReadOnlyList<TrainingRow> training,
        IReadOnlyList<UsersRow> users, UnboundedRow? unbounded, IReadOnlyList<PipelineRow> pipeline, IReadOnlyList<ScoreWritesRow> writes)
    {
        var s = new StringBuilder();
        void Line(FormattableString line) => s.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        static string Or(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        Line($"store: {store}, works: title + {bodyCharacters:N0} characters, {Environment.ProcessorCount} cores, load average {ProcessFigures.LoadAverage}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        if (users.Count > 0)
        {
            Line($"\nserving models held within {servingLimitMb:N0} MB (Inference:ServingModels:SizeLimitMb)\n");
            s.AppendLine("| users | pairs scored | pairs/s | pairs per CPU-second | models held | held MB (estimate) | models loaded a batch | managed heap MB | RSS MB | model load s | each user alone: pairs/s | per CPU-second |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in users) Line($"| {r.Users:N0} | {r.Pairs:N0} | {r.PairsPerSecond:N0} | {r.PairsPerCpuSecond:N0} | {r.HeldModels:N0} | {r.HeldMb:F0} | {r.LoadsPerBatch:N0} | {r.ManagedMb:F0} | {r.RssMb:F0} | {r.LoadSeconds:F1} | {Or(r.AlonePairsPerSecond, "N0")} | {Or(r.AlonePairsPerCpuSecond, "N0")} |");
        }
        if (unbounded is { } u)
        {
            s.AppendLine().AppendLine("| every model held | models | held MB (estimate) | managed heap added MB | RSS MB | pairs/s | pairs per CPU-second |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            Line($"| {u.Users:N0} users | {u.HeldModels:N0} | {u.HeldMb:F0} | {u.HeapAddedMb:F0} | {u.RssMb:F0} | {u.PairsPerSecond:N0} | {u.PairsPerCpuSecond:N0} |");
        }
        if (users.Any(r => r.Breakdown is not null))
        {
            s.AppendLine().AppendLine("| users | CPU µs per pair: model inputs | predictions and reasons | rest of the scorer (preferences, liked-work reasons) |").AppendLine("|---:|---:|---:|---:|");
            foreach (var r in users.Where(r => r.Breakdown is not null)) Line($"| {r.Users:N0} | {r.Breakdown!.InputsUs:F1} | {r.Breakdown.PredictUs:F1} | {r.Breakdown.RestUs:F1} |");
        }
        if (writes.Count > 0)
        {
            s.AppendLine().AppendLine("| score writes | scores | scores/s |").AppendLine("|---|---:|---:|");
            foreach (var r in writes) Line($"| {r.Way} | {r.Scores:N0} | {r.ScoresPerSecond:N0} |");
        }
        if (pipeline.Count > 0)
        {
            s.AppendLine().AppendLine("| users | new works | works/s through scoring | scores/s stored | WorkScored published | scores per CPU-second | CPU µs per work | gen2 GCs | p50 ms detection→scored | p99 ms | peak RSS MB |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in pipeline) Line($"| {r.Users:N0} | {r.Works:N0}{(r.Cut is null ? "" : $" ({r.Cut})")} | {r.WorksPerSecond:N0} | {r.ScoresPerSecond:N0} | {r.Published:N0} | {r.ScoresPerCpuSecond:N0} | {r.CpuUsPerWork:N0} | {r.Gen2Collections:N0} | {r.P50Ms:F0} | {r.P99Ms:F0} | {r.PeakRssMb:F0} |");
        }
        if (training.Count > 0)
        {
            s.AppendLine().AppendLine("| labels | training s | CPU s | model bytes | loaded for serving MB (estimate) |").AppendLine("|---:|---:|---:|---:|---:|");
            foreach (var r in training) Line($"| {r.Labels:N0} | {r.WallSeconds:F1} | {r.CpuSeconds:F1} | {r.ModelBytes:N0} | {r.LoadedMb:F1} |");
        }
        if (sizes.Count > 0)
        {
            s.AppendLine().AppendLine("| record | measured over | bytes each |").AppendLine("|---|---:|---:|");
            foreach (var r in sizes) Line($"| {r.Record} | {r.Count:N0} | {r.BytesEach:N0} |");
            s.AppendLine().Append(YearEstimate.Render(sizes));
        }
        return s.ToString();
    }
}

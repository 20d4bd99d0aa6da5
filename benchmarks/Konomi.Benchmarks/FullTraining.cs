using System.Diagnostics;
using System.Globalization;
using System.Text;
using Konomi.TasteModels;
using Konomi.TasteModels.Learning;

namespace Konomi.Benchmarks;

/// <summary>
/// ngram trained on every livedoor title, timed on its own after one untimed run warms the JIT. Wall time on a
/// shared machine says how busy it was; the process CPU seconds say what the training cost, so the wall time on
/// an idle machine is bounded below by CPU seconds ÷ cores and above by CPU seconds.
/// </summary>
public static class FullTraining
{
    public sealed record Run(double WallSeconds, double CpuSeconds, double LoadAverage)
    {
        public double CoresUsed => CpuSeconds / WallSeconds;
    }

    /// <summary>One training stage summed over a run: its spans' count and seconds (summed over threads, so they overlap in parallel parts).</summary>
    public sealed record Stage(string Name, int Spans, double Seconds, long Iterations);

    public sealed record Result(int Examples, IReadOnlyList<Run> Runs, IReadOnlyList<Stage> Stages);

    public static Result LivedoorTitles(string dataDirectory, ITasteModelFamily family, int runs, CancellationToken ct)
    {
        var task = LivedoorCorpus.Tasks(dataDirectory).Single(t => t.Name == "livedoor title");
        var examples = task.Items.Select(i => new Example(TasteInput.FromText(i.Text), i.Liked)).ToArray();
        family.Train(examples, ct);
        var timed = new List<Run>();
        for (var r = 0; r < runs; r++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            family.Train(examples, ct);
            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            timed.Add(new Run(wall, (process.TotalProcessorTime - cpu).TotalSeconds, LoadAverage()));
        }
        // The stages from one more run with a listener, so the timed runs pay nothing for spans.
        var stages = new Dictionary<string, (int Spans, double Seconds, long Iterations)>();
        using (var listener = Listen(stages)) family.Train(examples, ct);
        return new Result(examples.Length, timed,
            [.. stages.Select(s => new Stage(s.Key, s.Value.Spans, s.Value.Seconds, s.Value.Iterations))]);
    }

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"ngram trained on all {result.Examples:N0} livedoor titles, timed on its own ({Environment.ProcessorCount} cores):");
        text.AppendLine();
        text.AppendLine("| run | wall s | process CPU s | cores used (CPU/wall) | load average (1 min) |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        for (var r = 0; r < result.Runs.Count; r++)
        {
            var run = result.Runs[r];
            text.AppendLine(inv, $"| {r + 1} | {run.WallSeconds:F2} | {run.CpuSeconds:F2} | {run.CoresUsed:F2} | {run.LoadAverage:F1} |");
        }
        var best = result.Runs.MinBy(r => r.CpuSeconds)!;
        text.AppendLine();
        text.AppendLine(inv, $"On an idle {Environment.ProcessorCount}-core machine the wall time would lie between {best.CpuSeconds / Environment.ProcessorCount:F2} s (CPU s ÷ cores) and {best.CpuSeconds:F2} s (one core), from the run that cost the least CPU.");
        text.AppendLine();
        text.AppendLine("| stage (one more run, spans summed over threads) | spans | seconds | L-BFGS iterations |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var stage in result.Stages)
            text.AppendLine(inv, $"| {stage.Name} | {stage.Spans} | {stage.Seconds:F2} | {(stage.Iterations > 0 ? stage.Iterations.ToString(inv) : "")} |");
        return text.ToString();
    }

    private static ActivityListener Listen(Dictionary<string, (int Spans, double Seconds, long Iterations)> stages)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TrainingTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // An L-BFGS fit is reported per C, so warm and cold starts along the grid show apart.
                var name = activity.GetTagItem(TrainingTelemetry.CTag) is double c
                    ? FormattableString.Invariant($"{activity.OperationName} C={c}") : activity.OperationName;
                var iterations = activity.GetTagItem(TrainingTelemetry.IterationsTag) is int i ? i : 0;
                lock (stages)
                {
                    var (spans, seconds, total) = stages.GetValueOrDefault(name);
                    stages[name] = (spans + 1, seconds + activity.Duration.TotalSeconds, total + iterations);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : double.NaN;
}

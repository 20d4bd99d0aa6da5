using System.Diagnostics;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// Not part of the suite (tests/e2e/run.sh leaves the Benchmark category out): tests/e2e/bench.sh runs it.
/// New works (KONOMI_BENCH_WORKS, default 500; thousands against a real MongoDB) through the separate processes, each stage's
/// throughput read from its own Prometheus counter: works stored by the crawler, scores by inference,
/// messages posted by the notifier (which Slack limits to about one per second per channel and the user's
/// profile to MaxPerRun per crawl).
/// </summary>
public class PipelineThroughputBenchmark
{
    [Fact]
    [Trait("Category", "Benchmark")]
    public async Task Pipeline_throughput_per_stage()
    {
        var ct = TestContext.Current.CancellationToken;
        var count = int.TryParse(Environment.GetEnvironmentVariable("KONOMI_BENCH_WORKS"), out var n) ? n : 500;
        await using var loop = await Loop.StartAsync("bench", ct, new Dictionary<string, string?>
        {
            ["Crawler__PagesPerCycle"] = (count / 30 + 2).ToString(),
            ["Crawler__Interval"] = "01:00:00",
        });
        var works = loop.DLsite.AddWorks(count);
        var clock = Stopwatch.StartNew();
        await loop.StartCrawlerAsync(ct);

        Stage[] stages =
        [
            new("crawler", "konomi_crawler_new_works", count),
            new("inference", "konomi_inference_verdicts", count * loop.Listeners.Count),
            // Each user gets at most Notifier MaxPerRun (20 by default) messages per crawl run.
            new("notifier", "konomi_notifier_sent", 20 * loop.Listeners.Count),
        ];
        using var http = new HttpClient();
        var deadline = TimeSpan.FromMinutes(30);
        while (stages.Any(s => !s.Done) && clock.Elapsed < deadline)
        {
            foreach (var stage in stages.Where(s => !s.Done))
                stage.Observe(await PrometheusCounter.ReadAsync(http, loop.Pipeline[stage.Service].BaseAddress, stage.Counter, ct), clock.Elapsed);
            await Task.Delay(500, ct);
        }

        var lines = stages.Select(s => s.ToString()).Append($"bench end-to-end: {count} works in {clock.Elapsed.TotalSeconds:F1} s").ToList();
        foreach (var line in lines)
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("KONOMI_E2E_REPORT") is { Length: > 0 } file)
            await File.AppendAllLinesAsync(file, lines, ct);
        stages.ShouldAllBe(s => s.Done, string.Join("\n", lines));
    }

    /// <summary>One service's counter over time: when it first moved and when it reached its target.</summary>
    sealed class Stage(string service, string counter, int target)
    {
        public string Service => service;
        public string Counter => counter;
        public bool Done => _value >= target;
        double _value;
        TimeSpan? _first, _last;

        public void Observe(double value, TimeSpan at)
        {
            if (value > 0 && _first is null) _first = at;
            if (value > _value) _last = at;
            _value = value;
        }

        public override string ToString()
        {
            var seconds = (_last - _first)?.TotalSeconds ?? 0;
            var rate = seconds > 0 ? $"{_value / seconds:F1}/s" : "n/a";
            return $"bench {service}: {_value:F0} of {target} ({counter}) between {_first?.TotalSeconds:F1} s and {_last?.TotalSeconds:F1} s = {rate}";
        }
    }
}

using System.Diagnostics;

namespace Konomi.EndToEnd.Tests;

public class BrokerRestartTests
{
    [Fact]
    public async Task A_broker_restart_mid_run_loses_and_duplicates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("broker-restart", ct, new Dictionary<string, string?> { ["Inference__BatchSize"] = "3" });
        var clock = Stopwatch.StartNew();
        var before = loop.DLsite.AddWorks(6).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        // Mid-run by construction: scoring has begun before the stop, and the works listed while the broker is away
        // can only be crawled, scored and posted after the start (nothing lost counts them).
        await loop.WaitUntilScoringStartedAsync(before, ct);
        var during = new List<string>();
        await loop.Pipeline.RestartBrokerAsync(TimeSpan.FromSeconds(3), () =>
        {
            during = [.. loop.DLsite.AddWorks(4).Select(w => w.Id)];
            return Task.CompletedTask;
        }, ct);

        List<string> works = [.. before, .. during];
        var tally = await loop.FinishAsync("broker-restart", works, clock, ct);
        tally.ShouldBeExactlyOnce(scoresRepublished: true);
    }
}

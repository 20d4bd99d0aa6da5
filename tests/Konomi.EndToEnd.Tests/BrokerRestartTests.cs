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

        await loop.WaitUntilScoringStartedAsync(before, ct);
        var (scoredWhileUp, during) = (0, new List<string>());
        await loop.Pipeline.RestartBrokerAsync(TimeSpan.FromSeconds(3), async () =>
        {
            scoredWhileUp = await loop.ScoredAsync(before, ct);
            // Listed while the broker is away: only a crawl after the restart can bring them in.
            during = [.. loop.DLsite.AddWorks(4).Select(w => w.Id)];
        }, ct);

        List<string> works = [.. before, .. during];
        var tally = await loop.FinishAsync("broker-restart", works, clock, ct);
        tally.ShouldBeExactlyOnce(scoresRepublished: true);
        tally.Scored.ShouldBe(works.Count * loop.Listeners.Count);
        scoredWhileUp.ShouldBeGreaterThan(0, "nothing was scored before the broker went down");
        (tally.Scored - scoredWhileUp).ShouldBeGreaterThan(0, "nothing was left to score after the broker came back");
    }
}

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
        var works = loop.DLsite.AddWorks(10).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        await loop.WaitUntilScoringStartedAsync(works, ct);
        await loop.Pipeline.RestartBrokerAsync(TimeSpan.FromSeconds(3), ct);

        (await loop.FinishAsync("broker-restart", works, clock, ct)).ShouldBeExactlyOnce();
    }
}

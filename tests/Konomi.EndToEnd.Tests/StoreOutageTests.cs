using System.Diagnostics;
using Konomi.Testing;

namespace Konomi.EndToEnd.Tests;

public class StoreOutageTests
{
    // Longer than the quick retries (3.6 s), within the outage retries (Bus:Retry, about 90 s).
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_store_away_mid_run_for_longer_than_the_quick_retries_loses_nothing_and_dead_letters_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        // A MongoDB-wire server of this scenario's own, so stopping it disturbs no one else.
        using var mongo = await PrivateMongoWire.StartAsync(ct);
        await using var loop = await Loop.StartAsync("store-outage", ct, new Dictionary<string, string?>
        {
            ["ConnectionStrings__Mongo"] = mongo.ConnectionString("e2e_store_outage"),
            ["Inference__BatchSize"] = "3",
        });
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(10).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        await loop.WaitUntilScoringStartedAsync(works, ct);
        var scoredAtFreeze = await loop.ScoredAsync(works, ct);
        mongo.Freeze();
        await Task.Delay(Outage, ct);
        mongo.Thaw();

        var tally = await loop.FinishAsync("store-outage", works, clock, ct);
        tally.ShouldBeExactlyOnce(scoresRepublished: true);
        scoredAtFreeze.ShouldBeLessThan(works.Count * loop.Listeners.Count, "every work was scored before the store went away");
        (await loop.Pipeline.DeadLetteredAsync(ct)).ShouldBe(0);
    }
}

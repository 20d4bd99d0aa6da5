using System.Diagnostics;
using Konomi.Storage.Ports;

namespace Konomi.EndToEnd.Tests;

public class LoopTests
{
    [Fact]
    public async Task A_crawl_is_scored_posted_and_clicked_under_one_crawl_run_id_and_the_clicks_retrain_so_the_next_crawl_is_scored_by_the_new_model()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("loop", ct);
        var clock = Stopwatch.StartNew();

        var first = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);
        var firstTally = await loop.FinishAsync("loop", first, clock, ct);
        await ShouldCarryTheCrawlRunIdAsync(loop, first, ct);
        // The clicks are new labels: after the trainer's debounce each user gets a model one version up.
        await loop.WaitForServingVersionAsync(2, ct);

        var second = loop.DLsite.AddWorks(4).Select(w => w.Id).ToList();
        var tally = await loop.FinishAsync("loop", [.. first, .. second], clock, ct);
        tally.ShouldBeExactlyOnce();

        var scores = await loop.ScoresAsync([.. first, .. second], ct);
        scores.Where(s => first.Contains(s.WorkId)).ShouldAllBe(s => s.ModelVersion == 1);
        scores.Where(s => second.Contains(s.WorkId)).ShouldAllBe(s => s.ModelVersion == 2);
        firstTally.Posted.ShouldBeGreaterThan(0, "a taste model that likes nothing proves nothing");
    }

    /// <summary>The run id of the listing snapshot that found the works is on every score and notification of them.</summary>
    static async Task ShouldCarryTheCrawlRunIdAsync(Loop loop, IReadOnlyList<string> works, CancellationToken ct)
    {
        // Newest first: the oldest snapshot listing the works is the crawl that found them.
        var snapshot = (await loop.Pipeline.Store<ISnapshotStore>().ListAsync("maniax", 1000, ct)).Last(s => works.All(s.WorkIds.Contains));
        var scores = await loop.ScoresAsync(works, ct);
        scores.ShouldAllBe(s => s.CrawlRunId == snapshot.CrawlRunId);
        var notifications = (await loop.Pipeline.Store<INotificationStore>().ListAsync(null, 100, ct: ct)).Where(n => works.Contains(n.WorkId)).ToList();
        notifications.ShouldNotBeEmpty();
        notifications.ShouldAllBe(n => n.CrawlRunId == snapshot.CrawlRunId);
    }
}

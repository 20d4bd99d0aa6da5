using System.Diagnostics;
using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.EndToEnd.Tests;

public class DuplicateDeliveryTests
{
    [Fact]
    public async Task Every_message_type_delivered_twice_still_posts_each_liked_work_once_and_stores_each_click_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // No retraining in between: a re-scored work meets the same model version, so every repeat is a true duplicate.
        await using var loop = await Loop.StartAsync("duplicates", ct, new Dictionary<string, string?>
        {
            ["Trainer__Debounce"] = "01:00:00",
            ["Trainer__MinNewLabels"] = "1000",
        });
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);
        (await loop.FinishAsync("duplicates-first-delivery", works, clock, ct)).Lost.ShouldBe(0);

        // Everything again, straight onto the broker, as at-least-once delivery may hand it over.
        var bus = loop.Pipeline.Bus;
        var scores = await loop.ScoresAsync(works, ct);
        var snapshot = (await loop.Pipeline.Store<ISnapshotStore>().ListAsync("maniax", 1000, ct)).Last(s => works.All(s.WorkIds.Contains));
        await bus.Publish(new WorksCrawled(snapshot.CrawlRunId, snapshot.Floor, snapshot.WorkIds, snapshot.CrawledAt), ct);
        foreach (var id in works)
            await bus.Publish(new NewWorkDetected(snapshot.CrawlRunId, (await loop.Pipeline.Store<IWorkStore>().FindAsync(id, ct))!), ct);
        foreach (var score in scores)
            await bus.Publish(score, ct);
        foreach (var click in loop.Clicks.Sent)
            await bus.Publish(new FeedbackReceived(click.WorkId, click.UserId, click.Interested, "slack", DateTimeOffset.UtcNow, snapshot.CrawlRunId), ct);
        await loop.Clicks.RedeliverAllAsync(ct);
        await loop.DrainAsync(ct);

        var tally = await Outcome.CountAsync(loop, "duplicates", works, clock.Elapsed, ct);
        // Every NewWorkDetected delivered again publishes its stored scores again, by design; posts stay once.
        tally.ShouldBeExactlyOnce(scoresRepublished: true);
        tally.Clicks.ShouldBe(loop.Clicks.Sent.Count);
    }
}

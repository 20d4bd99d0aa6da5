using System.Diagnostics;
using Konomi.Hosting;
using Konomi.Testing;

namespace Konomi.EndToEnd.Tests;

public class InferenceCrashTests
{
    [Fact]
    public async Task Inference_killed_after_storing_scores_but_before_publishing_them_scores_and_posts_every_work_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // Small batches, so the kill lands with some batches stored and others not yet taken.
        await using var loop = await Loop.StartAsync("inference-kill", ct, new Dictionary<string, string?> { ["Inference__BatchSize"] = "3" });
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(12).Select(w => w.Id).ToList();
        // Inference is down while the crawl queues every work, so its first batches are the ones the kill cuts.
        loop.Pipeline.Crash("inference");
        await loop.StartCrawlerAsync(ct);
        await loop.Pipeline.WaitUntilQueuedAsync(Subscriptions.InferenceNewWorkDetected, works.Count, ct);

        int publishedAtKill;
        await using (await RabbitNode.BlockPublishersAsync(ct))
        {
            // The broker takes no publish: inference scores and stores, and its WorkScored cannot leave.
            await loop.Pipeline.StartServiceAsync("inference", ct);
            // Only a score to post is published, so the kill waits for one of those to be stored.
            await Eventually.HoldsAsync(async () => (await loop.ScoresAsync(works, ct)).Any(s => s.ToPost), "a score to post stored", Loop.Patience, () => loop.Pipeline.LogTail(40), ct);
            loop.Pipeline.Crash("inference");
            await loop.DrainWitnessAsync(ct);
            // Counted before the alarm lifts: bytes the killed process had already written to its socket reach the
            // broker afterwards and are routed then, which is a publish after the kill, not before it.
            publishedAtKill = works.Sum(w => loop.Listeners.Sum(l => loop.Pipeline.Witness.Scored(w, l.UserId)));
        }
        await loop.Pipeline.StartServiceAsync("inference", ct);

        publishedAtKill.ShouldBe(0, "the kill came after a WorkScored left: not between store and publish");
        var tally = await loop.FinishAsync("inference-kill", works, clock, ct);
        // A publish already on the wire when the process died is routed once the alarm lifts, and the redelivered
        // batch publishes that score again: at least once for WorkScored, exactly once for posts.
        tally.ShouldBeExactlyOnce(scoresRepublished: true);
    }
}

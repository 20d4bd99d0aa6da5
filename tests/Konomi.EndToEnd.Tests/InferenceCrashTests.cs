using System.Diagnostics;

namespace Konomi.EndToEnd.Tests;

public class InferenceCrashTests
{
    [Fact]
    public async Task Inference_killed_mid_batch_and_restarted_scores_every_work_and_posts_each_liked_one_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // Small batches, so a kill lands between batches already acknowledged and ones still in flight.
        await using var loop = await Loop.StartAsync("inference-kill", ct, new Dictionary<string, string?> { ["Inference__BatchSize"] = "3" });
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(12).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        var scoredAtKill = await loop.WaitUntilScoringStartedAsync(works, ct);
        loop.Pipeline.Crash("inference");
        await loop.Pipeline.StartServiceAsync("inference", ct);

        scoredAtKill.ShouldBeLessThan(works.Count, "the kill came after every work was scored: not mid-run");
        (await loop.FinishAsync("inference-kill", works, clock, ct)).ShouldBeExactlyOnce();
    }
}

using Konomi.Hosting;
using System.Diagnostics;
using Konomi.Contracts;

namespace Konomi.EndToEnd.Tests;

public class PoisonMessageTests
{
    [Fact]
    public async Task A_malformed_work_in_one_batch_with_good_ones_ends_alone_in_the_error_queue_and_every_good_work_flows_on()
    {
        var ct = TestContext.Current.CancellationToken;
        // One batch holds everything queued: the poison message and the crawl's works meet in it.
        await using var loop = await Loop.StartAsync("poison-message", ct, new Dictionary<string, string?> { ["Inference__BatchSize"] = "20" });
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        loop.Pipeline.Crash("inference");
        await loop.StartCrawlerAsync(ct);
        await loop.Pipeline.WaitUntilQueuedAsync(Queue, works.Count, ct);
        // A NewWorkDetected without its work, as a buggy or foreign publisher might send, amid a real crawl.
        await loop.Pipeline.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), null!), ct);
        await loop.Pipeline.WaitUntilQueuedAsync(Queue, works.Count + 1, ct);
        await loop.Pipeline.StartServiceAsync("inference", ct);

        var tally = await loop.FinishAsync("poison-message", works, clock, ct);

        tally.ShouldBeExactlyOnce();
        var queues = await loop.Pipeline.QueueDepthsAsync(ct);
        queues.GetValueOrDefault(Queue + "_error").ShouldBe(1, string.Join(", ", queues));
    }

    const string Queue = Subscriptions.InferenceNewWorkDetected;
}

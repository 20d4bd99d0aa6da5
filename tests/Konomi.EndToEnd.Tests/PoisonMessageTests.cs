using System.Diagnostics;
using Konomi.Contracts;

namespace Konomi.EndToEnd.Tests;

public class PoisonMessageTests
{
    [Fact]
    public async Task A_malformed_work_ends_in_the_error_queue_while_every_other_work_flows_on()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("poison-message", ct);
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        // A NewWorkDetected without its work, as a buggy or foreign publisher might send, amid a real crawl.
        await loop.Pipeline.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), null!), ct);
        await loop.StartCrawlerAsync(ct);

        var tally = await loop.FinishAsync("poison-message", works, clock, ct);

        tally.ShouldBeExactlyOnce();
        var queues = await loop.Pipeline.QueueDepthsAsync(ct);
        queues.GetValueOrDefault("inference-new-work-detected_error").ShouldBe(1, string.Join(", ", queues));
    }
}

using System.Diagnostics;
using Konomi.Emulators.DLsite;

namespace Konomi.EndToEnd.Tests;

public class DLsiteOutageTests
{
    [Fact]
    public async Task DLsite_answering_202_500_and_timeouts_delays_the_crawl_but_every_new_work_arrives_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // Clicks arrive over the HTTP interactivity endpoint here (signed), over Socket Mode everywhere else.
        await using var loop = await Loop.StartAsync("dlsite-202-500-timeout", ct, new Dictionary<string, string?> { ["Feedback__Mode"] = "http" });
        loop.DLsite.Fail(DLsiteFault.Challenge(), times: 2, RequestKind.Listing);
        loop.DLsite.Fail(DLsiteFault.ServerError(), times: 5, RequestKind.ProductJson);
        // Longer than Crawler:Timeout (5 s in the emulator's settings): the client gives up and retries.
        loop.DLsite.Fail(DLsiteFault.Slow(TimeSpan.FromSeconds(7)), times: 1, RequestKind.WorkPage);
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        (await loop.FinishAsync("dlsite-202-500-timeout", works, clock, ct)).ShouldBeExactlyOnce();
        var answered = loop.DLsite.Requests.Count(r => r.Kind is RequestKind.Listing or RequestKind.ProductJson or RequestKind.WorkPage);
        answered.ShouldBeGreaterThan(1 + 2 * works.Count, "the faults cost extra requests");
    }
}

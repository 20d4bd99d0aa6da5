using System.Diagnostics;
using System.Text.Json.Nodes;
using Konomi.Emulators.DLsite;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.EndToEnd.Tests;

public class MalformedWorkTests
{
    [Fact]
    public async Task One_malformed_work_among_good_ones_is_given_up_alone_and_every_good_work_arrives_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("malformed-work", ct);
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        // Odd values that used to abort every crawl cycle: a full-width date and a fractional rating count.
        var odd = works[2];
        loop.DLsite.Alter(odd, RequestKind.ProductJson, json => Rewrite(json, p =>
        {
            p["regist_date"] = "２０２６-08-22 00:00:00";
            p["rate_count_detail"] = JsonNode.Parse("{\"5\": 1.5}");
        }), charset: "windows-31j", codePage: 932);
        // A product.json that is no work at all and a page that is none either: never storable, so it is retried
        // and then recorded as failed (one unreadable document alone would let the other stand).
        var broken = works[5];
        loop.DLsite.Break(broken);
        await loop.StartCrawlerAsync(ct);

        var good = works.Where(w => w != broken).ToList();
        var tally = await loop.FinishAsync("malformed-work", good, clock, ct);

        // The crawler gives the broken work up after Crawler:MaxWorkAttempts (3) cycles and fetches it no more.
        int BrokenFetches() => loop.DLsite.Requests.Count(r => r.Kind == RequestKind.ProductJson && r.PathAndQuery.Contains(broken));
        await Eventually.HoldsAsync(() => Task.FromResult(BrokenFetches() >= 3), "the broken work fetched in 3 cycles", Loop.Patience, () => loop.Pipeline.LogTail(40), ct);
        var listingsBefore = loop.DLsite.RequestCount(RequestKind.Listing);
        await Eventually.HoldsAsync(() => Task.FromResult(loop.DLsite.RequestCount(RequestKind.Listing) >= listingsBefore + 2), "two more crawl cycles", Loop.Patience, () => loop.Pipeline.LogTail(40), ct);
        tally.ShouldBeExactlyOnce();
        BrokenFetches().ShouldBe(3);
        (await loop.Pipeline.Store<IWorkStore>().FindAsync(broken, ct)).ShouldBeNull();
        (await loop.Pipeline.Store<IWorkStore>().FindAsync(odd, ct))!.ReleaseDate.ShouldBe(new DateOnly(2026, 8, 22));
    }

    static string Rewrite(string json, Action<JsonObject> change)
    {
        var product = JsonNode.Parse(json)!.AsArray()[0]!.AsObject();
        change(product);
        return new JsonArray(product.DeepClone()).ToJsonString();
    }
}

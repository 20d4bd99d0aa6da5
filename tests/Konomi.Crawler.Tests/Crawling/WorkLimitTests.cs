using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Konomi.Contracts;
using Konomi.Emulators.DLsite;
using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>
/// A crawled work past the rules the Work JSON readers apply (<see cref="WorkLimits"/>): a text past its cap is stored cut,
/// a value no cut mends refuses that one document, and whatever is stored exports to a line the import reads back.
/// </summary>
public class WorkLimitTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_crawled_work_with_a_description_over_the_cap_is_stored_cut_and_its_export_line_imports()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var odd = works[1].Id;
        // The real page's description, 150,000 characters longer.
        dlsite.Alter(odd, RequestKind.WorkPage, html => html.Replace("皆様、こんにちは。", "皆様、こんにちは。" + new string('あ', 150_000)));
        var logs = new FakeLoggerProvider();
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, services: s => s.AddLogging(l => l.AddProvider(logs)));

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        report.StoredCut.ShouldBe([odd]);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        var stored = (await crawler.Works.FindAsync(odd, Ct)).ShouldNotBeNull();
        stored.Description.Length.ShouldBe(WorkLimits.MaxDescriptionLength);
        stored.Description.ShouldStartWith("皆様、こんにちは。ああ");
        stored.Description.ShouldEndWith("あ…");
        crawler.NewWorks.Single(n => n.Work.Id == odd).Work.Description.ShouldBe(stored.Description);
        ShouldImport(stored);
        var warning = logs.Collector.GetSnapshot().Single(r => r.Category == typeof(CrawlCycle).FullName && r.Level == LogLevel.Warning);
        warning.Message.ShouldContain(odd);
        warning.Message.ShouldContain("description");
        warning.Message.ShouldContain($"{WorkLimits.MaxDescriptionLength:N0}");
    }

    /// <summary>product.json's title, genres and creators, each past its cap: each is cut, the rest of the work is as read.</summary>
    [Theory]
    [InlineData("title")]
    [InlineData("genres")]
    [InlineData("voiceActors")]
    public async Task A_crawled_work_with_a_title_or_list_over_its_cap_is_stored_cut_and_its_export_line_imports(string field)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(2, "maniax");
        var odd = works[0].Id;
        dlsite.Alter(odd, RequestKind.ProductJson, json => OverCap(json, field));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        report.StoredCut.ShouldBe([odd]);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        var stored = (await crawler.Works.FindAsync(odd, Ct)).ShouldNotBeNull();
        switch (field)
        {
            case "title":
                stored.Title.Length.ShouldBe(WorkLimits.MaxTitleLength);
                stored.Title.ShouldStartWith(works[0].Title);
                break;
            case "genres":
                stored.Genres.Count.ShouldBe(WorkLimits.MaxListEntries);
                stored.Genres[0].ShouldBe("ASMR");
                break;
            default:
                stored.VoiceActors[0].Length.ShouldBe(WorkLimits.MaxEntryLength);
                break;
        }
        stored.Description.ShouldStartWith("皆様、こんにちは。");
        ShouldImport(stored);
    }

    /// <summary>
    /// A picture link that is no web address (a data: or javascript: link a person would click in Slack) is left out: a
    /// picture is optional, so the work is stored at once, with the other document's picture, and its export line imports.
    /// </summary>
    [Theory]
    [InlineData(RequestKind.ProductJson)]
    [InlineData(RequestKind.WorkPage)]
    public async Task A_picture_link_that_is_no_web_address_is_left_out_and_the_work_is_stored_at_once(RequestKind document)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(4, "maniax");
        var odd = works[2].Id;
        dlsite.Alter(odd, document, document == RequestKind.ProductJson
            ? json => OddWorkTests.Rewrite(json, "image_main", "{\"url\": \"javascript:alert(document.cookie)\"}")
            : html => html.Replace("data-src=\"//img.dlsite.jp/modpub/", "data-src=\"data:image/svg+xml;base64,PHN2Zz4=\" data-was=\"//img.dlsite.jp/modpub/")
                .Replace("content=\"https://img.dlsite.jp/modpub/", "content=\"data:image/svg+xml;base64,PHN2Zz4=\" data-was=\"https://img.dlsite.jp/modpub/"));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        var stored = (await crawler.Works.FindAsync(odd, Ct)).ShouldNotBeNull();
        stored.ThumbnailUrl.ShouldStartWith("https://img.dlsite.jp/");
        ShouldImport(stored);
    }

    /// <summary>
    /// product.json's name blank and the work page without its heading, og:title or tab title: no document gives the work a title, so it is struck
    /// as an odd document is and, at Crawler:MaxWorkAttempts, given up, never stored without one; the other works arrive once.
    /// </summary>
    [Fact]
    public async Task A_work_no_document_gives_a_title_is_given_up_never_stored_without_one()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(4, "maniax");
        var odd = works[1].Id;
        dlsite.Alter(odd, RequestKind.ProductJson, json => OddWorkTests.Rewrite(json, "work_name", "\"  \""));
        // Its heading, og:title and tab title all blank: the page's title is read from the first that has words.
        dlsite.Alter(odd, RequestKind.WorkPage, html => Regex.Replace(html,
            "(<h1[^>]*id=\"work_name\"[^>]*>).*?(</h1>)|(<meta property=\"og:title\" content=\")[^\"]*|(<title>)[^<]*", "$1$2$3$4", RegexOptions.Singleline));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:MaxWorkAttempts"] = "2" });

        var first = await crawler.Cycle.RunOnceAsync(Ct);
        var second = await crawler.Cycle.RunOnceAsync(Ct);

        first.Errors.ShouldBe(new Dictionary<string, int> { ["malformed"] = 1 });
        second.FailedWorks.ShouldBe([odd]);
        second.StoredFromOneSource.ShouldBeEmpty();
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id).Where(id => id != odd), ignoreOrder: true);
        (await crawler.Works.FindAsync(odd, Ct)).ShouldBeNull();
        var failure = (await crawler.Get<ICrawlFailureStore>().FindAsync(odd, Ct)).ShouldNotBeNull();
        failure.LastError.ShouldBe($"malformed: {odd}: DLsite gives a value no work may have: title is empty");
    }

    /// <summary>The work's <c>konomi works export</c> line is read back whole by <c>konomi works import</c>.</summary>
    static void ShouldImport(Work stored)
    {
        var line = WorkJson.Write(stored);
        var (imported, problem) = WorkJson.Read(line);
        problem.ShouldBeNull();
        WorkJson.Write(imported!).ShouldBe(line);
    }

    static string OverCap(string json, string field)
    {
        var product = JsonNode.Parse(json)!.AsArray()[0]!.AsObject();
        switch (field)
        {
            case "title":
                product["work_name"] = product["work_name"]!.GetValue<string>() + new string('ー', 1_500);
                break;
            case "genres":
                var genres = product["genres"]!.AsArray();
                for (var i = 0; i < 300; i++) genres.Add(new JsonObject { ["name"] = $"ジャンル{i}" });
                break;
            default:
                product["creaters"]!["voice_by"]![0]!["name"] = new string('声', 300);
                break;
        }
        return new JsonArray(product.DeepClone()).ToJsonString();
    }
}

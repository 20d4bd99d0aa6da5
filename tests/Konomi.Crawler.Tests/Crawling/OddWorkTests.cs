using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Konomi.Crawler.Parsing;
using Konomi.Crawler.DLsite;
using Konomi.Emulators.DLsite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>One odd work among good ones: it is counted and skipped, every other work arrives, and the crawl goes on.</summary>
public class OddWorkTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("regist_date", "\"２０２６-08-22 00:00:00\"", "2026-08-22")]
    [InlineData("regist_date", "\"0000-08-22 00:00:00\"", "page")]
    [InlineData("rate_count_detail", "{\"5\": 1.5, \"4\": 2}")]
    [InlineData("rate_count_detail", "{\"5\": 2000000000, \"4\": 2000000000}")]
    [InlineData("rate_count_detail", "{\"5\": -3, \"x\": \"many\"}")]
    [InlineData("rate_average_star", "\"Infinity\"")]
    [InlineData("price", "\"NaN\"")]
    [InlineData("price", "1e300")]
    [InlineData("genres", "\"ホラー\"")]
    [InlineData("creaters", "[1, 2]")]
    [InlineData("image_main", "\"//img.dlsite.jp/x.jpg\"")]
    [InlineData("work_name", "12345")]
    public async Task An_odd_value_in_one_product_json_still_stores_every_work(string field, string value, string? releaseDate = null)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        dlsite.Alter(works[0].Id, RequestKind.ProductJson, json => Rewrite(json, field, value));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        var odd = crawler.NewWorks.Single(n => n.Work.Id == works[0].Id).Work;
        // An impossible date in product.json leaves the work page's 販売日.
        if (releaseDate is not null) odd.ReleaseDate.ShouldBe(releaseDate == "page" ? works[0].ReleaseDate : DateOnly.Parse(releaseDate));
        if (field == "rate_count_detail") odd.Popularity?.RatingCount.ShouldBeNull();
    }

    [Theory]
    [InlineData("windows-31j", 932)]
    [InlineData("cp932", 932)]
    [InlineData("Shift_JIS", 932)]
    [InlineData("utf8", 65001)]
    [InlineData("x-no-such-charset", 65001)]
    [InlineData("x-no-such-charset", 932)]
    public async Task A_page_in_an_odd_charset_is_decoded_and_stored(string charset, int codePage)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(2, "maniax");
        dlsite.Alter(works[0].Id, RequestKind.ProductJson, charset: charset, codePage: codePage);
        dlsite.Alter(works[0].Id, RequestKind.WorkPage, charset: charset, codePage: codePage);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        crawler.NewWorks.Count.ShouldBe(2);
        var odd = crawler.NewWorks.Single(n => n.Work.Id == works[0].Id).Work;
        odd.Title.ShouldBe(works[0].Title);
        odd.Circle.ShouldBe(works[0].Circle);
    }

    /// <summary>A UTF-8 byte order mark ahead of product.json and the page, under any declared charset, as a browser reads it.</summary>
    [Theory]
    [InlineData("utf-8")]
    [InlineData("Shift_JIS")]
    public async Task A_body_that_begins_with_a_byte_order_mark_is_read_as_the_mark_says(string charset)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(2, "maniax");
        dlsite.Alter(works[0].Id, RequestKind.ProductJson, json => "\uFEFF" + json, charset);
        dlsite.Alter(works[0].Id, RequestKind.WorkPage, html => "\uFEFF" + html, charset);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        report.StoredFromOneSource.ShouldBeEmpty();
        var marked = crawler.NewWorks.Single(n => n.Work.Id == works[0].Id).Work;
        marked.Title.ShouldBe(works[0].Title);
        marked.Circle.ShouldBe(works[0].Circle);
    }

    [Fact]
    public async Task A_page_past_the_size_limit_is_refused_for_that_work_alone()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        dlsite.Alter(works[1].Id, RequestKind.WorkPage, html => html.Replace("</body>", new string(' ', 3_000_000) + "</body>"));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:MaxResponseBytes"] = "2000000" });

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["too-large"] = 1 });
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([works[0].Id, works[2].Id], ignoreOrder: true);
    }

    [Fact]
    public async Task A_page_of_thousands_of_unclosed_elements_is_refused_as_malformed_without_parsing_it()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        dlsite.Alter(works[1].Id, RequestKind.WorkPage, html => html.Replace("</body>", string.Concat(Enumerable.Repeat("<div>", 20_000)) + "</body>"));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["malformed"] = 1 });
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([works[0].Id, works[2].Id], ignoreOrder: true);
    }

    [Fact]
    public async Task A_work_whose_documents_both_keep_failing_is_retried_each_cycle_then_recorded_as_failed_and_no_longer_fetched()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var odd = works[0].Id;
        dlsite.Break(odd);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:MaxWorkAttempts"] = "3" });

        var reports = await crawler.RunCyclesAsync(4, Ct);

        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([works[1].Id, works[2].Id], ignoreOrder: true);
        reports.Select(r => r.Errors.GetValueOrDefault("malformed")).ShouldBe([2, 2, 2, 0]);
        reports.Select(r => r.FailedWorks.Count).ShouldBe([0, 0, 1, 0]);
        reports[2].FailedWorks.ShouldBe([odd]);
        dlsite.Requests.Count(r => r.PathAndQuery.Contains(odd)).ShouldBe(3 * 2);
    }

    /// <summary>
    /// Unreadable on its own account: a layout Konomi does not know (a page without its outline table), a product.json
    /// that is no work, or a document robots.txt forbids (as for a page redirected to the age check, or an API a later
    /// robots.txt closes), which stays forbidden.
    /// </summary>
    [Theory]
    [InlineData(RequestKind.WorkPage, CrawlErrorKind.Malformed)]
    [InlineData(RequestKind.ProductJson, CrawlErrorKind.Malformed)]
    [InlineData(RequestKind.WorkPage, CrawlErrorKind.Disallowed)]
    [InlineData(RequestKind.ProductJson, CrawlErrorKind.Disallowed)]
    public async Task A_work_one_of_whose_documents_stays_unreadable_arrives_from_the_other_alone_after_the_last_attempt(RequestKind unreadable, CrawlErrorKind fault)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var odd = works[0].Id;
        if (fault == CrawlErrorKind.Disallowed)
            dlsite.Disallow.Add(unreadable == RequestKind.WorkPage ? $"/*/work/=/product_id/{odd}.html" : $"/*/api/=/product.json?workno={odd}");
        else
            dlsite.Alter(odd, unreadable, unreadable == RequestKind.WorkPage ? html => html.Replace("work_outline", "work_overview") : _ => "{\"workno\": 5}");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:MaxWorkAttempts"] = "3" });

        var reports = await crawler.RunCyclesAsync(4, Ct);

        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([works[1].Id, works[2].Id, odd], ignoreOrder: true);
        crawler.NewWorks.Count(n => n.Work.Id == odd).ShouldBe(1);
        reports.Select(r => r.Errors.GetValueOrDefault(CrawlException.Tag(fault))).ShouldBe([1, 1, 1, 0]);
        reports.Select(r => r.StoredFromOneSource.Count).ShouldBe([0, 0, 1, 0]);
        reports.ShouldAllBe(r => r.FailedWorks.Count == 0);
        var stored = crawler.NewWorks.Single(n => n.Work.Id == odd).Work;
        stored.Title.ShouldBe(works[0].Title);
        stored.Circle.ShouldBe(works[0].Circle);
        stored.VoiceActors.ShouldContain(works[0].VoiceActor);
        stored.ReleaseDate.ShouldBe(works[0].ReleaseDate);
        // A forbidden document is never requested.
        dlsite.Requests.Count(r => r.PathAndQuery.Contains(odd)).ShouldBe(3 * (fault == CrawlErrorKind.Disallowed ? 1 : 2));
    }

    [Fact]
    public async Task An_outage_of_the_readable_document_in_the_last_attempt_gives_nothing_up_and_the_work_arrives_once_it_reads()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var work = dlsite.AddWorks(1, "maniax")[0];
        dlsite.Alter(work.Id, RequestKind.ProductJson, _ => "{\"workno\": 5}");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:MaxWorkAttempts"] = "3", ["Crawler:Retry:MaxAttempts"] = "2" });
        await crawler.RunCyclesAsync(2, Ct);
        // DLsite fails the page, every retry of it, in what would be the work's last attempt.
        dlsite.Fail(DLsiteFault.ServerError(503), times: 2, kind: RequestKind.WorkPage);

        var reports = await crawler.RunCyclesAsync(2, Ct);

        reports.Select(r => r.FailedWorks.Count).ShouldBe([0, 0]);
        reports.Select(r => r.StoredFromOneSource.Count).ShouldBe([0, 1]);
        crawler.NewWorks.ShouldHaveSingleItem().Work.Title.ShouldBe(work.Title);
    }

    [Theory]
    [InlineData(RequestKind.WorkPage)]
    [InlineData(RequestKind.ProductJson)]
    public async Task A_document_of_another_work_is_never_merged_into_the_listed_one_nor_stored_under_its_id(RequestKind mixedUp)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var (listed, other) = (works[0], works[1]);
        // A redirect to another edition, or a mix-up: the listed work's document is another work's.
        dlsite.Alter(listed.Id, mixedUp, body => body.Replace(listed.Id, other.Id).Replace(listed.Title, other.Title));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:MaxWorkAttempts"] = "3" });

        var reports = await crawler.RunCyclesAsync(4, Ct);

        reports.Select(r => r.Errors.GetValueOrDefault("malformed")).ShouldBe([1, 1, 1, 0]);
        reports[2].StoredFromOneSource.ShouldBe([listed.Id]);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([other.Id, works[2].Id, listed.Id], ignoreOrder: true);
        crawler.NewWorks.Single(n => n.Work.Id == listed.Id).Work.Title.ShouldBe(listed.Title);
        crawler.NewWorks.Single(n => n.Work.Id == other.Id).Work.Title.ShouldBe(other.Title);
    }

    [Fact]
    public async Task An_unforeseen_exception_for_one_work_is_counted_and_the_other_works_arrive()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, services: s =>
            s.AddHttpClient(DLsiteClient.HttpClientName).AddHttpMessageHandler(() => new Throwing(works[1].Id)));

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBe(new Dictionary<string, int> { ["unexpected"] = 1 });
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([works[0].Id, works[2].Id], ignoreOrder: true);
    }

    [Fact]
    public async Task A_robots_txt_redirected_off_the_site_means_nothing_is_fetched_until_the_next_cycle()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(2, "maniax");
        dlsite.Fail(DLsiteFault.Redirect(new Uri("https://example.com/robots.txt")), kind: RequestKind.Robots);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var refused = await crawler.Cycle.RunOnceAsync(Ct);
        dlsite.Requests.ShouldAllBe(r => r.Kind == RequestKind.Robots);
        var next = await crawler.Cycle.RunOnceAsync(Ct);

        refused.NewWorks.ShouldBe(0);
        // robots.txt was never read, so nothing was disallowed: DLsite's rules were out of reach.
        refused.Errors.ShouldBe(new Dictionary<string, int> { ["unreachable"] = 2 });
        next.NewWorks.ShouldBe(2);
    }

    [Theory]
    [InlineData(503, false)]
    [InlineData(403, true)]
    public async Task A_robots_txt_error_disallows_everything_for_a_5xx_and_nothing_for_a_4xx(int status, bool crawled)
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(2, "maniax");
        dlsite.Fail(new DLsiteFault(status), times: 4, kind: RequestKind.Robots);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.NewWorks.ShouldBe(crawled ? 2 : 0);
        dlsite.RequestCount(RequestKind.Listing).ShouldBe(crawled ? 2 : 0);
        // A 5xx after every retry leaves robots.txt unread: each floor's listing is unreachable, not disallowed.
        report.Errors.ShouldBe(crawled ? new Dictionary<string, int>() : new Dictionary<string, int> { ["unreachable"] = 2 });
    }

    [Fact]
    public async Task A_backfill_estimate_without_robots_txt_is_refused_as_unreachable_and_fetches_nothing_else()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        dlsite.AddWorks(2, "maniax");
        dlsite.Fail(new DLsiteFault(503), times: 8, kind: RequestKind.Robots);
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var refused = await Should.ThrowAsync<CrawlException>(() => crawler.Cycle.EstimateAsync(1, Ct));

        // No estimate on a guessed delay: the one read of robots.txt (its retries) and nothing else.
        refused.Kind.ShouldBe(CrawlErrorKind.Unreachable);
        refused.Message.ShouldContain("robots.txt");
        dlsite.RequestCount(RequestKind.Robots).ShouldBe(4);
        dlsite.Requests.ShouldAllBe(r => r.Kind == RequestKind.Robots);
    }

    /// <summary>
    /// A home work whose page writes its canonical address relative, stored from that page alone (product.json has nothing):
    /// the address is read against the page's own, so the work keeps its floor (read as it was, it became a maniax work).
    /// </summary>
    [Fact]
    public async Task A_work_page_with_a_relative_canonical_link_keeps_its_floor()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var work = dlsite.AddWorks(1, "home")[0];
        dlsite.Alter(work.Id, RequestKind.ProductJson, _ => "[]");
        dlsite.Alter(work.Id, RequestKind.WorkPage, page => page.Replace("https://www.dlsite.com/home/work/", "/home/work/"));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        // product.json's [] is counted; the page is read.
        report.Errors.Keys.ShouldBe(["not-found"]);
        var stored = crawler.NewWorks.ShouldHaveSingleItem().Work;
        stored.Url.ShouldBe($"https://www.dlsite.com/home/work/=/product_id/{work.Id}.html");
        stored.AgeCategory.ShouldBe(Contracts.AgeCategory.AllAges);
    }

    /// <summary>
    /// A page whose sale day, age, work type and genres do not read (as a page in a layout no saved page shows might write
    /// them) is no failure: the work is published once, those fields from product.json, and so is every other listed work;
    /// one warning names the work, its page and each field that did not read.
    /// </summary>
    [Fact]
    public async Task A_page_whose_rows_do_not_read_is_no_failure_and_every_listed_work_is_published_once()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var odd = works[1];
        dlsite.Alter(odd.Id, RequestKind.WorkPage, html => EditPage(html, page =>
        {
            foreach (var (label, cell) in new[] { ("販売日", "近日公開"), ("年齢指定", "<span title=\"PG-12\">PG-12</span>"), ("作品形式", "<span>?</span>"), ("ジャンル", "") })
                page.QuerySelectorAll("#work_outline tr").Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == label).QuerySelector("td")!.InnerHtml = cell;
        }));
        var logs = new FakeLoggerProvider();
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, services: s => s.AddLogging(l => l.AddProvider(logs)));

        var reports = await crawler.RunCyclesAsync(2, Ct);

        reports.ShouldAllBe(r => r.Errors.Count == 0 && r.FailedWorks.Count == 0 && r.StoredFromOneSource.Count == 0);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        var stored = crawler.NewWorks.Single(n => n.Work.Id == odd.Id).Work;
        stored.ReleaseDate.ShouldBe(odd.ReleaseDate);
        stored.WorkType.ShouldBe("SOU");
        stored.AgeCategory.ShouldBe(Contracts.AgeCategory.Adult);
        stored.Genres.ShouldNotBeEmpty();
        stored.Title.ShouldBe(odd.Title);
        var warning = logs.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ShouldHaveSingleItem();
        warning.Message.ShouldContain($"{odd.Id}'s work page shows releaseDate \"近日公開\", ageCategory \"PG-12\", workType \"?\" in a form Konomi does not read");
    }

    /// <summary>
    /// A page without a title anywhere (heading, og:title, tab title) fails alone: counted and recorded as a failure with a
    /// one-line reason naming the work, every other listed work published once; at the last attempt the work arrives once
    /// from product.json.
    /// </summary>
    [Fact]
    public async Task A_page_without_a_title_is_a_recorded_failure_naming_the_work_and_every_other_listed_work_is_published_once()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var odd = works[1];
        dlsite.Alter(odd.Id, RequestKind.WorkPage, html => EditPage(html, page =>
        {
            page.QuerySelector("#work_name")!.TextContent = "";
            page.QuerySelector("meta[property='og:title']")!.Remove();
            page.Title = "";
        }));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path, new() { ["Crawler:MaxWorkAttempts"] = "2" });

        var first = await crawler.Cycle.RunOnceAsync(Ct);

        first.Errors.ShouldBe(new Dictionary<string, int> { ["malformed"] = 1 });
        var failure = (await crawler.Get<Storage.Ports.ICrawlFailureStore>().FindAsync(odd.Id, Ct)).ShouldNotBeNull();
        failure.LastError.ShouldBe($"malformed: {odd.Id}: the work page has no title (#work_name, og:title and <title> all empty)");
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([works[0].Id, works[2].Id], ignoreOrder: true);

        var later = await crawler.RunCyclesAsync(2, Ct);

        later.Select(r => r.StoredFromOneSource.Count).ShouldBe([1, 0]);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        crawler.NewWorks.Single(n => n.Work.Id == odd.Id).Work.Title.ShouldBe(odd.Title);
    }

    /// <summary>The page with <paramref name="edit"/> made to its DOM.</summary>
    static string EditPage(string html, Action<IDocument> edit)
    {
        var page = HtmlDocuments.Parse(html);
        edit(page);
        return page.DocumentElement.OuterHtml;
    }

    /// <summary>The product.json array of one with <paramref name="field"/> set to the JSON <paramref name="value"/>.</summary>
    internal static string Rewrite(string json, string field, string value)
    {
        var product = JsonNode.Parse(json)!.AsArray()[0]!.AsObject();
        product[field] = JsonNode.Parse(value);
        return new JsonArray(product.DeepClone()).ToJsonString();
    }

    /// <summary>A fault no one foresaw, for one work's product.json.</summary>
    sealed class Throwing(string workId) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.Query.Contains(workId)
                ? throw new InvalidOperationException("a fault nobody foresaw")
                : base.SendAsync(request, cancellationToken);
    }
}

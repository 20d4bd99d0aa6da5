using System.Collections.Concurrent;
using System.Diagnostics;
using Konomi.Contracts;
using Konomi.Crawler.DLsite;
using Konomi.Crawler.Parsing;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Crawler;

/// <summary>
/// One crawl: announce what a crashed cycle stored but never announced, read the newest listings of each
/// floor (a snapshot and WorksCrawled per floor), and for every id never stored fetch product.json and the
/// work page, store the work, publish NewWorkDetected and mark it announced. Errors are counted by kind
/// and the crawl goes on, whatever the exception; a work that failed stays unknown and is tried again next
/// cycle, and one whose own documents failed Crawler:MaxWorkAttempts cycles is recorded as failed in the store
/// (<see cref="ICrawlFailureStore"/>: restarts keep it) and skipped until an operator retries it. A listed work DLsite has
/// nothing on sale for is no error (<see cref="NotOnSale"/>), and a maintenance page stops the cycle, charging no work.
/// </summary>
public sealed partial class CrawlCycle(
    DLsiteClient dlsite,
    IWorkStore works,
    ISnapshotStore snapshots,
    IBus bus,
    IOptions<CrawlerOptions> options,
    ICrawlFailureStore failures,
    IFloorReadStore floorReads,
    TimeProvider time,
    ILogger<CrawlCycle> logger)
{
    readonly CrawlerOptions _options = options.Value;

    /// <summary>
    /// Works product.json showed to be translated editions, so later cycles skip them without a request; a restart reads
    /// each one's product.json once more (a translation is never stored, so the store cannot say).
    /// </summary>
    readonly ConcurrentDictionary<string, bool> _translations = new();

    public Task<CrawlReport> RunOnceAsync(CancellationToken ct) => RunAsync(_options.PagesPerCycle, ct);

    public Task<CrawlReport> RunAsync(int pages, CancellationToken ct) => RunAsync(pages, null, ct);

    /// <summary>What a cycle of <paramref name="pages"/> listing pages per floor costs at most, at the spacing robots.txt sets now.</summary>
    public async Task<BackfillEstimate> EstimateAsync(int pages, CancellationToken ct) =>
        new(pages, _options.Floors.Length, await dlsite.RequestSpacingAsync(ct));

    /// <summary>
    /// A cycle reading <paramref name="pages"/> listing pages per floor (a backfill reads deeper than a normal cycle),
    /// telling <paramref name="progress"/> after each listing page and each new work.
    /// </summary>
    public async Task<CrawlReport> RunAsync(int pages, IProgress<CrawlProgress>? progress, CancellationToken ct)
    {
        var tally = new CrawlTally(Guid.NewGuid(), time.GetUtcNow(), dlsite.RequestsSent) { PagesPlanned = pages * _options.Floors.Length, Progress = progress };
        using var activity = KonomiTelemetry.Source.StartActivity("crawl cycle");
        KonomiTelemetry.TagCrawlRun(tally.RunId);

        await AnnounceLeftoversAsync(tally, ct);
        dlsite.BeginCycle();
        var handled = new HashSet<string>();
        var translations = new HashSet<string>();
        foreach (var floor in _options.Floors)
        {
            // DLsite's maintenance page: the site is down, so the crawl backs off until the next cycle, charging no work.
            if (tally.SiteDown) break;
            var ids = await ReadListingsAsync(floor, pages, tally, translations, ct);
            if (ids is null) continue;
            var known = await works.FindKnownAsync(ids, ct);
            // Oldest first, so notifications arrive in release order.
            var unknown = ids.AsEnumerable().Reverse().Where(id => !known.Contains(id) && handled.Add(id)).ToList();
            // A translated edition of a Japanese work has an id of its own: it is no new work, and is not fetched.
            var fresh = unknown.Where(id => !translations.Contains(id) && !_translations.ContainsKey(id)).ToList();
            tally.Translations += unknown.Count - fresh.Count;
            tally.WorksFound += fresh.Count;
            tally.ReportProgress();
            foreach (var id in fresh.TakeWhile(_ => !tally.SiteDown))
            {
                await DetectAsync(floor, id, tally, ct);
                tally.WorksFetched++;
                tally.ReportProgress();
            }
        }

        var report = tally.Report(time.GetUtcNow(), dlsite.RequestsSent);
        activity?.SetTag("konomi.crawl.new_works", report.NewWorks);
        LogReport(logger, report.RunId, report.ListingPages, report.WorksSeen, report.NewWorks, report.Requests, report.Errors.Values.Sum(), report.FailedWorks.Count, report.StoredCut.Count);
        return report;
    }

    async Task AnnounceLeftoversAsync(CrawlTally tally, CancellationToken ct)
    {
        foreach (var leftover in await works.ListUnannouncedAsync(ct: ct))
        {
            await bus.Publish(new NewWorkDetected(leftover.CrawlRunId, leftover.Work), ct);
            await works.MarkAnnouncedAsync(leftover.Work.Id, ct);
            tally.Reannounced++;
        }
    }

    /// <summary>The ids of a floor's newest listing pages in order, stored as a snapshot; null when no page could be read.</summary>
    /// <remarks>Adds the ids the listing shows as translated editions to <paramref name="translations"/>.</remarks>
    async Task<List<string>?> ReadListingsAsync(string floor, int pages, CrawlTally tally, HashSet<string> translations, CancellationToken ct)
    {
        var ids = new List<string>();
        var read = 0;
        CrawlException? failure = null;
        // The floor's last read: a floor that stays unread for the same reason is logged once, then at Debug.
        var previous = await floorReads.FindAsync(floor, ct);
        for (var page = 1; page <= pages; page++)
        {
            Listing listing;
            try
            {
                var fetched = await dlsite.GetListingAsync(floor, page, ct);
                listing = ListingPageParser.Parse(fetched.Body, fetched.Address);
                // A first page with no works while the floor counts some has its results where Konomi does not read them
                // (rendered by script, say): an error to see, not a floor without new works.
                if (page == 1 && listing.Works.Count == 0 && listing.TotalCount > 0)
                    throw new CrawlException(CrawlErrorKind.Malformed, $"{floor} listing page 1 shows none of the {listing.TotalCount} works it counts (a listing layout Konomi does not read)");
            }
            catch (Exception e) when (Unforeseen(e, ct) is { } error)
            {
                var again = previous?.Error?.StartsWith(CrawlException.Tag(error.Kind) + ":", StringComparison.Ordinal) == true;
                tally.Fail(error, logger, $"{floor} listing page {page}", again ? LogLevel.Debug : LogLevel.Warning);
                failure = error;
                break;
            }
            read++;
            tally.ListingPages++;
            ids.AddRange(listing.Works.Select(w => w.Id).Where(id => !ids.Contains(id)));
            translations.UnionWith(listing.Works.Where(w => w.IsTranslation).Select(w => w.Id));
            if (listing.Works.Count == 0 || ids.Count >= listing.TotalCount) break;
            tally.ReportProgress();
        }
        // A floor that ran out (or failed) leaves its unread pages out of the plan.
        tally.PagesPlanned -= pages - read;
        var crawledAt = time.GetUtcNow();
        if (failure is not null)
            await floorReads.SaveAsync(new FloorRead(floor, crawledAt, $"{CrawlException.Tag(failure.Kind)}: {failure.Message}", previous?.UnreadSince ?? crawledAt), ct);
        else
        {
            if (previous is { Failed: true }) LogFloorReadsAgain(logger, floor, previous.Error!);
            await floorReads.SaveAsync(new FloorRead(floor, crawledAt), ct);
        }
        if (read == 0) return null;

        await snapshots.AddAsync(new CrawlSnapshot(tally.RunId, crawledAt, floor, ids), ct);
        await bus.Publish(new WorksCrawled(tally.RunId, floor, ids, crawledAt), ct);
        tally.WorksSeen += ids.Count;
        KonomiTelemetry.WorksCrawled.Add(ids.Count, new KeyValuePair<string, object?>("floor", floor));
        return ids;
    }

    async Task DetectAsync(string floor, string id, CrawlTally tally, CancellationToken ct)
    {
        var failed = await failures.FindAsync(id, ct);
        if (failed is not null && (failed.IsGivenUp(_options.MaxWorkAttempts) || Resting(failed))) return;
        var json = await TryReadAsync(() => dlsite.GetProductJsonAsync(floor, id, ct), body => Of(id, ProductJsonParser.Parse(body), "product.json"), ct);
        if (json.Parsed is { IsTranslation: true } translation)
        {
            _translations[id] = true;
            tally.Translations++;
            LogTranslation(logger, id, translation.OriginalWork ?? "a work it does not name");
            return;
        }
        // An announced work's page URL is a 404 on DLsite: product.json alone says it is not on sale yet; a maintenance page
        // in its place says the site is down, and its page would be one too.
        var page = json.Parsed?.Status == WorkStatus.Announced || json.Error?.Kind == CrawlErrorKind.Maintenance
            ? default
            : await TryReadAsync(() => dlsite.GetWorkPageAsync(floor, id, ct), fetched => Of(id, WorkPageParser.Parse(fetched.Body, fetched.Address), "work page"), ct);
        if (json.Parsed?.Status == WorkStatus.Announced || page.Parsed?.Status == WorkStatus.Announced)
        {
            // Not on sale yet: it becomes new when DLsite releases it under the same id.
            tally.Announced++;
            return;
        }
        if (NotOnSale(json.Error, page.Error))
        {
            await NotOnSaleAsync(id, page.Error!, tally, ct);
            return;
        }
        // An outage of either document says nothing of the work (below: no strike, both fetched again next cycle).
        var outage = new[] { json.Error, page.Error }.Any(e => e is { IsTheWorksOwn: false } && !Usable(e));
        // On sale at last: the cycles it was not count nothing against it.
        if (failed is { IsNotOnSale: true } && !outage)
        {
            await failures.ForgetAsync(id, ct);
            failed = null;
        }
        tally.Fail(json.Error, logger, $"{id} product.json");
        tally.Fail(page.Error, logger, $"{id} work page");
        // A transient failure of either source leaves the work unknown, so the next cycle fetches both again;
        // a page DLsite will keep refusing (region block, withdrawn) lets product.json stand alone at once. When one
        // document stays unreadable on its own account (a layout Konomi does not know, an odd value) for
        // Crawler:MaxWorkAttempts cycles, the other one stands alone: the work arrives with less rather than never.
        (string Source, string Reason)? alone = null;
        if (!Usable(json.Error) || !Usable(page.Error) || (json.Parsed ?? page.Parsed) is null)
        {
            var own = new[] { json.Error, page.Error }.FirstOrDefault(e => e is { IsTheWorksOwn: true });
            // No strike for an outage: a last one would give up a work whose other document reads.
            if (own is null || outage) return;
            var reason = $"{CrawlException.Tag(own.Kind)}: {own.Message}";
            failed = await failures.RecordAsync(id, reason, time.GetUtcNow(), ct);
            if (!failed.IsGivenUp(_options.MaxWorkAttempts)) return;
            // The failed document has no parsed work, so combining below takes the other one's alone.
            var readable = json is { Error: null, Parsed: not null } ? "product.json" : page is { Error: null, Parsed: not null } ? "work page" : null;
            if (readable is null)
            {
                tally.GiveUp(id, failed.Attempts, logger);
                return;
            }
            alone = (readable, reason);
        }

        // A text past its cap (WorkLimits) is DLsite's own words at odd length: the work is stored with it cut, as losing a
        // real new work over a long description is worse than a cut text, and its export line still imports.
        var (work, cut) = WorkLimits.Cut(WorkDetails.Combine(json.Parsed, page.Parsed));
        // A value no cut mends, in the work both documents make together (one's blank title is the other's to fill): stored,
        // its export line would be refused by the import. The work's own fault, struck as an odd document is, never stored.
        if (WorkLimits.Refusal(work) is { } problem)
        {
            var refused = new CrawlException(CrawlErrorKind.Malformed, $"{id}: DLsite gives a value no work may have: {problem}");
            tally.Fail(refused, logger, id);
            failed = await failures.RecordAsync(id, $"{CrawlException.Tag(refused.Kind)}: {refused.Message}", time.GetUtcNow(), ct);
            if (failed.IsGivenUp(_options.MaxWorkAttempts)) tally.GiveUp(id, failed.Attempts, logger);
            return;
        }
        if (alone is { } one) tally.StoreFromOneSource(id, one.Source, failed!.Attempts, one.Reason, logger);
        var added = await works.AddAsync(work, tally.RunId, ct);
        if (failed is not null) await failures.ForgetAsync(id, ct);
        if (!added) return;
        if (cut.Count > 0) tally.StoreCut(id, cut, logger);
        tally.Unread(id, "product.json", json.Parsed?.Unread, logger);
        tally.Unread(id, "work page", page.Parsed?.Unread, logger);
        await bus.Publish(new NewWorkDetected(tally.RunId, work), ct);
        await works.MarkAnnouncedAsync(work.Id, ct);
        tally.NewWorks++;
        KonomiTelemetry.NewWorks.Add(1, new KeyValuePair<string, object?>("floor", floor));
    }

    /// <summary>
    /// The parsed document, when it is the listed work: a document of another work (a redirect to another edition, a
    /// mix-up) is this work's own fault, never merged into it and never stored under the listed id.
    /// </summary>
    static ParsedWork Of(string id, ParsedWork parsed, string document) =>
        string.Equals(parsed.Work.Id, id, StringComparison.OrdinalIgnoreCase)
            ? parsed
            : throw new CrawlException(CrawlErrorKind.Malformed, $"{id}: the {document} is work {parsed.Work.Id}'s");

    /// <summary>
    /// product.json answers <c>[]</c> and the work page is gone (404, a listing in its place, an error box): DLsite does so for a
    /// work it lists before it is on sale, and for one it removed. Nothing failed, so it is no error; and no strike either, as
    /// a work given up would be lost on its release day.
    /// </summary>
    static bool NotOnSale(CrawlException? json, CrawlException? page) =>
        json is { Kind: CrawlErrorKind.NotFound } && page is { Kind: CrawlErrorKind.NotFound or CrawlErrorKind.Unavailable or CrawlErrorKind.RegionBlocked };

    /// <summary>
    /// Recorded with the failed works (so the Status page and <c>konomi crawl --failed</c> show it once, with why, and
    /// <c>--retry-failed</c> brings it back at once), looked at each cycle for <c>Crawler:MaxWorkAttempts</c> cycles, then every
    /// <see cref="NotOnSaleLookEvery"/>: a release arrives within a day, a removed work costs two requests a day, never an error.
    /// </summary>
    async Task NotOnSaleAsync(string id, CrawlException page, CrawlTally tally, CancellationToken ct)
    {
        var record = await failures.RecordAsync(id, $"{CrawlFailure.NotOnSaleReason}: product.json has no work and the work page is gone ({page.Message})", time.GetUtcNow(), ct);
        tally.NotOnSale++;
        if (record.Attempts == _options.MaxWorkAttempts) tally.NotOnSaleLongTime(id, record.Attempts, NotOnSaleLookEvery, logger);
    }

    /// <summary>DLsite releases works once or twice a day (0時, 16時 JST): a daily look finds a release on its day.</summary>
    static readonly TimeSpan NotOnSaleLookEvery = TimeSpan.FromDays(1);

    /// <summary>Not on sale for <c>Crawler:MaxWorkAttempts</c> cycles and looked at less than a day ago.</summary>
    bool Resting(CrawlFailure failed) =>
        failed is { IsNotOnSale: true } && failed.Attempts >= _options.MaxWorkAttempts && time.GetUtcNow() - failed.LastFailedAt < NotOnSaleLookEvery;

    static bool Usable(CrawlException? error) =>
        error is null or { Kind: CrawlErrorKind.RegionBlocked or CrawlErrorKind.Unavailable or CrawlErrorKind.NotFound };

    /// <summary>The parsed document or why it failed; counted by the caller, which alone knows whether a failure is an error.</summary>
    static async Task<(ParsedWork? Parsed, CrawlException? Error)> TryReadAsync<T>(Func<Task<T>> fetch, Func<T, ParsedWork> parse, CancellationToken ct)
    {
        try
        {
            return (parse(await fetch()), null);
        }
        catch (Exception e) when (Unforeseen(e, ct) is { } error)
        {
            return (null, error);
        }
    }

    /// <summary>Any failure of one fetch or parse as a CrawlException, so it is counted and the crawl goes on; null for a cancelled crawl.</summary>
    static CrawlException? Unforeseen(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException when ct.IsCancellationRequested => null,
        CrawlException crawl => crawl,
        _ => new CrawlException(CrawlErrorKind.Unexpected, $"{e.GetType().Name}: {e.Message}"),
    };

    [LoggerMessage(3, LogLevel.Information, "{WorkId} is a translated edition of {Original} (product.json translation_info): skipped, not fetched again")]
    static partial void LogTranslation(ILogger logger, string workId, string original);

    [LoggerMessage(2, LogLevel.Information, "The {Floor} listing reads again (its last read failed: {Error})")]
    static partial void LogFloorReadsAgain(ILogger logger, string floor, string error);

    [LoggerMessage(1, LogLevel.Information, "Crawl {RunId}: {ListingPages} listing pages, {WorksSeen} works seen, {NewWorks} new, {Requests} requests, {Errors} errors, {FailedWorks} works recorded as failed, {StoredCut} stored with a text cut to its cap")]
    static partial void LogReport(ILogger logger, Guid runId, int listingPages, int worksSeen, int newWorks, long requests, int errors, int failedWorks, int storedCut);
}

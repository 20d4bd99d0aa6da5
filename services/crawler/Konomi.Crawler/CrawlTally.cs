using Konomi.Contracts;
using Konomi.Hosting;
using Microsoft.Extensions.Logging;

namespace Konomi.Crawler;

/// <summary>The running counts of one crawl cycle, turned into its <see cref="CrawlReport"/> at the end.</summary>
sealed partial class CrawlTally(Guid runId, DateTimeOffset startedAt, long requestsBefore)
{
    readonly Dictionary<string, int> _errors = [];
    readonly List<string> _failedWorks = [];
    readonly List<string> _storedFromOneSource = [];
    readonly List<string> _storedCut = [];

    public Guid RunId { get; } = runId;
    public int ListingPages { get; set; }
    public int WorksSeen { get; set; }
    public int NewWorks { get; set; }
    public int Reannounced { get; set; }
    public int Announced { get; set; }
    public int NotOnSale { get; set; }
    public int Translations { get; set; }

    /// <summary>DLsite answered with its maintenance page: nothing more is fetched this cycle.</summary>
    public bool SiteDown { get; private set; }

    public IProgress<CrawlProgress>? Progress { get; init; }
    public int PagesPlanned { get; set; }
    public int WorksFound { get; set; }
    public int WorksFetched { get; set; }

    public void ReportProgress() => Progress?.Report(new CrawlProgress(ListingPages, PagesPlanned, WorksFetched, WorksFound));

    /// <summary>Counts the error; logs it at <paramref name="level"/> (a floor that stays unread is logged once, then at Debug).</summary>
    public void Fail(CrawlException? error, ILogger logger, string what, LogLevel level = LogLevel.Warning)
    {
        if (error is null) return;
        SiteDown |= error.Kind == CrawlErrorKind.Maintenance;
        var kind = CrawlException.Tag(error.Kind);
        _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
        KonomiTelemetry.CrawlErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
        LogFailure(logger, level, RunId, what, kind, error.Message);
    }

    public void GiveUp(string workId, int attempts, ILogger logger)
    {
        _failedWorks.Add(workId);
        KonomiTelemetry.WorksFailed.Add(1);
        LogGiveUp(logger, RunId, workId, attempts);
    }

    public void StoreFromOneSource(string workId, string source, int attempts, string reason, ILogger logger)
    {
        _storedFromOneSource.Add(workId);
        LogStoredFromOneSource(logger, RunId, workId, attempts, reason, source);
    }

    public void StoreCut(string workId, IReadOnlyList<Overrun> cut, ILogger logger)
    {
        _storedCut.Add(workId);
        foreach (var overrun in cut)
            LogStoredCut(logger, RunId, workId, overrun.Field, overrun.Length, overrun.IsList ? "entries" : "characters", overrun.Max);
    }

    /// <summary>One warning for a stored work's document that showed fields in a form Konomi does not read, naming each.</summary>
    public void Unread(string workId, string document, IReadOnlyList<string>? fields, ILogger logger)
    {
        if (fields is { Count: > 0 }) LogUnread(logger, RunId, workId, document, string.Join(", ", fields));
    }

    public CrawlReport Report(DateTimeOffset now, long requestsAfter) => new(
        RunId, startedAt, now - startedAt, ListingPages, WorksSeen, NewWorks, Reannounced, Announced, NotOnSale, Translations, requestsAfter - requestsBefore,
        new Dictionary<string, int>(_errors), [.. _failedWorks], [.. _storedFromOneSource], [.. _storedCut]);

    [LoggerMessage(1, LogLevel.Error, "Crawl {RunId}: {WorkId} failed in {Attempts} cycles and is recorded as failed; it is not fetched again until an operator retries it (konomi crawl --retry-failed)")]
    static partial void LogGiveUp(ILogger logger, Guid runId, string workId, int attempts);

    public void NotOnSaleLongTime(string workId, int attempts, TimeSpan lookEvery, ILogger logger) =>
        LogNotOnSale(logger, RunId, workId, attempts, lookEvery.TotalHours);

    [LoggerMessage(4, LogLevel.Information, "Crawl {RunId}: {WorkId} has not been on sale in {Attempts} cycles (product.json has no work, its page is gone: announced, or removed); it is looked at again every {Hours:0.#} h")]
    static partial void LogNotOnSale(ILogger logger, Guid runId, string workId, int attempts, double hours);

    [LoggerMessage(3, LogLevel.Warning, "Crawl {RunId}: {WorkId} failed in {Attempts} cycles ({Reason}); the work is stored from its {Source} alone")]
    static partial void LogStoredFromOneSource(ILogger logger, Guid runId, string workId, int attempts, string reason, string source);

    [LoggerMessage(5, LogLevel.Warning, "Crawl {RunId}: {WorkId}'s {Field} is {Length:N0} {Unit}, past the cap of {Max:N0}: the work is stored with it cut to the cap")]
    static partial void LogStoredCut(ILogger logger, Guid runId, string workId, string field, int length, string unit, int max);

    [LoggerMessage(6, LogLevel.Warning, "Crawl {RunId}: {WorkId}'s {Document} shows {Fields} in a form Konomi does not read: each is left to the other document, the floor or empty")]
    static partial void LogUnread(ILogger logger, Guid runId, string workId, string document, string fields);

    [LoggerMessage(EventId = 2, Message = "Crawl {RunId}: {What} failed ({Kind}): {Reason}; the crawl goes on")]
    static partial void LogFailure(ILogger logger, LogLevel level, Guid runId, string what, string kind, string reason);
}

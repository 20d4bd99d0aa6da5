using System.Text.RegularExpressions;

namespace Konomi.Crawler;

/// <summary>A fetch or parse that gave no work or listing, with its kind and a one-line reason.</summary>
public sealed partial class CrawlException(CrawlErrorKind kind, string reason, int? status = null) : Exception(reason)
{
    public CrawlErrorKind Kind { get; } = kind;

    /// <summary>The HTTP status that caused it, when one did.</summary>
    public int? Status { get; } = status;

    /// <summary>
    /// The work's own documents are at fault (malformed, oversized, unforeseen, or where robots.txt forbids: a redirect
    /// to the age check, an API robots.txt closes), so the failure counts toward giving the work up or letting its other
    /// document stand alone; an outage (timeouts, 5xx, rate limits) does not: the work is fetched again next cycle.
    /// </summary>
    public bool IsTheWorksOwn => Kind is CrawlErrorKind.Malformed or CrawlErrorKind.TooLarge or CrawlErrorKind.Unexpected or CrawlErrorKind.Disallowed;

    /// <summary>The kind as metrics and reports spell it: region-blocked, rate-limited…</summary>
    public static string Tag(CrawlErrorKind kind) => Words().Replace(kind.ToString(), "-$1").ToLowerInvariant();

    [GeneratedRegex("(?<=.)([A-Z])")]
    private static partial Regex Words();
}

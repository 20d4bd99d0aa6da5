namespace Konomi.Crawler;

/// <summary>Why one fetch or parse failed; the <c>kind</c> tag of <c>konomi.crawler.errors</c> and the keys of <see cref="CrawlReport.Errors"/>.</summary>
public enum CrawlErrorKind
{
    /// <summary>HTTP 200 with DLsite's error box: "お住いの国・地域からは本作品は購入できません。"</summary>
    RegionBlocked,
    /// <summary>HTTP 200 with DLsite's error box for any other reason (withdrawn, login needed).</summary>
    Unavailable,
    /// <summary>Not a page or document DLsite serves, or missing what every such page has.</summary>
    Malformed,
    /// <summary>HTTP 404, or product.json answered with no work.</summary>
    NotFound,
    /// <summary>HTTP 202: DLsite's bot challenge, still there after every retry.</summary>
    Challenge,
    /// <summary>HTTP 429 after every retry, or a Retry-After longer than the crawler waits.</summary>
    RateLimited,
    ServerError,
    Timeout,
    /// <summary>The body ended before the document did.</summary>
    Truncated,
    /// <summary>
    /// HTTP 200 with DLsite's maintenance page (メンテナンス) in place of a page or product.json: the site is down, not
    /// the work, so it is an outage (no attempt charged) and the cycle stops fetching until the next one.
    /// </summary>
    Maintenance,
    /// <summary>Any other HTTP status, or the connection failed.</summary>
    HttpError,
    /// <summary>The body is larger than <c>Crawler:MaxResponseBytes</c>.</summary>
    TooLarge,
    /// <summary>The fetch or parse failed in a way nobody foresaw (an odd value in an odd place); the message says how.</summary>
    Unexpected,
    /// <summary>robots.txt disallows the path, or the URL leaves DLsite (or the configured origin).</summary>
    Disallowed,
    /// <summary>
    /// robots.txt could not be read after every retry (no connection, timeouts, 5xx, 429, a challenge, a redirect off the
    /// site), so nothing on its host is fetched this cycle.
    /// </summary>
    Unreachable,
}

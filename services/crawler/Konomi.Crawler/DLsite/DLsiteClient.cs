using System.Collections.Concurrent;
using System.Net;
using Konomi.Crawler.Parsing;
using Konomi.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.DependencyInjection;
using Polly.Registry;
using Polly.Retry;

namespace Konomi.Crawler.DLsite;

/// <summary>
/// DLsite over HTTP, politely: only DLsite hosts (or the configured origin), robots.txt read once per host
/// per cycle, one request at a time per host spaced by max(MinimumDelay, Crawl-delay), the age-gate and
/// locale cookies, and bounded retries (the <see cref="Retry"/> pipeline) of 202 challenges, 429s, 5xx, timeouts and truncated bodies.
/// </summary>
public sealed partial class DLsiteClient(
    IHttpClientFactory httpClients,
    HostPacer pacer,
    IOptions<CrawlerOptions> options,
    TimeProvider time,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<DLsiteClient> logger)
{
    public const string HttpClientName = "DLsite";

    /// <summary>The named Polly pipeline every request runs through (<c>Crawler:Retry:*</c>).</summary>
    public const string Retry = "dlsite";
    const int MaxRedirects = 5;
    static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(5);

    readonly CrawlerOptions _options = options.Value;
    readonly ResiliencePipeline<Outcome> _retry = pipelines.GetPipeline<Outcome>(Retry);
    readonly ConcurrentDictionary<string, Task<RobotsTxt>> _robots = new(StringComparer.OrdinalIgnoreCase);
    long _requests;

    /// <summary>HTTP requests sent so far, retries, redirects and robots.txt included.</summary>
    public long RequestsSent => Interlocked.Read(ref _requests);

    /// <summary>Forgets robots.txt so the next request of each host reads it again.</summary>
    public void BeginCycle() => _robots.Clear();

    /// <summary>
    /// The spacing this cycle's requests to the configured origin keep, max(MinimumDelay, robots.txt Crawl-delay),
    /// robots.txt read first (once per cycle, as for any request), so an estimate uses the real delay; an
    /// <see cref="CrawlErrorKind.Unreachable"/> CrawlException when robots.txt could not be read, as no delay is known then.
    /// </summary>
    public async Task<TimeSpan> RequestSpacingAsync(CancellationToken ct)
    {
        var robots = await _robots.GetOrAdd(_options.BaseUrl.Authority, _ => ReadRobotsAsync(_options.BaseUrl, ct));
        return robots.Unread is { } why ? throw Unreachable(_options.BaseUrl, why) : Delay(robots);
    }

    public Task<DLsiteDocument> GetListingAsync(string floor, int page, CancellationToken ct) =>
        GetAsync(DLsiteUrls.Listing(_options.BaseUrl, floor, _options.WorkCategories, page), ct);

    public async Task<string> GetProductJsonAsync(string floor, string workId, CancellationToken ct) =>
        (await GetAsync(DLsiteUrls.ProductJson(_options.BaseUrl, floor, workId), ct)).Body;

    public Task<DLsiteDocument> GetWorkPageAsync(string floor, string workId, CancellationToken ct) =>
        GetAsync(DLsiteUrls.WorkPage(_options.BaseUrl, floor, workId), ct);

    async Task<DLsiteDocument> GetAsync(Uri url, CancellationToken ct)
    {
        for (var redirects = 0; ; redirects++)
        {
            EnsureAllowedHost(url);
            var robots = await _robots.GetOrAdd(url.Authority, _ => ReadRobotsAsync(url, ct));
            // An unread robots.txt allows nothing, yet no rule disallowed the path: the site's rules were out of reach.
            if (robots.Unread is { } why) throw Unreachable(url, why);
            if (!robots.Allows(url.PathAndQuery))
                throw new CrawlException(CrawlErrorKind.Disallowed, $"robots.txt disallows {url.PathAndQuery}");
            var fetched = await FetchWithRetriesAsync(url, Delay(robots), ct);
            if (fetched.Location is null) return new DLsiteDocument(url, fetched.Body);
            if (redirects == MaxRedirects) throw new CrawlException(CrawlErrorKind.HttpError, $"more than {MaxRedirects} redirects from {url}");
            url = fetched.Location;
        }
    }

    /// <summary>
    /// robots.txt as RFC 9309 reads it: redirects followed (within DLsite or the configured origin), a 4xx means
    /// no rules, anything else that leaves it unread (5xx, 429, a challenge, no connection, a redirect elsewhere)
    /// means nothing may be fetched this cycle; the next cycle reads it again.
    /// </summary>
    async Task<RobotsTxt> ReadRobotsAsync(Uri url, CancellationToken ct)
    {
        var robotsUrl = new Uri(url, "/robots.txt");
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                EnsureAllowedHost(robotsUrl);
                var fetched = await FetchWithRetriesAsync(robotsUrl, _options.MinimumDelay, ct);
                if (fetched.Location is null) return RobotsTxt.Parse(fetched.Body, _options.UserAgent.Split('/')[0]);
                if (redirects == MaxRedirects) throw new CrawlException(CrawlErrorKind.HttpError, $"more than {MaxRedirects} redirects from {robotsUrl}");
                robotsUrl = fetched.Location;
            }
        }
        catch (CrawlException e) when (e.Kind is CrawlErrorKind.NotFound || e.Status is >= 400 and < 500 and not 429)
        {
            return RobotsTxt.AllowAll;
        }
        catch (CrawlException e)
        {
            LogRobotsUnreadable(logger, robotsUrl, CrawlException.Tag(e.Kind), e.Message);
            return RobotsTxt.Unreadable($"{CrawlException.Tag(e.Kind)}: {e.Message}");
        }
    }

    static CrawlException Unreachable(Uri url, string why) =>
        new(CrawlErrorKind.Unreachable, $"robots.txt of {url.Host} could not be read ({why})");

    TimeSpan Delay(RobotsTxt robots) =>
        robots.CrawlDelay is { } crawlDelay && crawlDelay > _options.MinimumDelay ? crawlDelay : _options.MinimumDelay;

    void EnsureAllowedHost(Uri url)
    {
        var sameOrigin = Uri.Compare(url, _options.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        var dlsite = _options.TargetsDLsite && url.Scheme == Uri.UriSchemeHttps
            && (url.Host.Equals("dlsite.com", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".dlsite.com", StringComparison.OrdinalIgnoreCase));
        if (!sameOrigin && !dlsite)
            throw new CrawlException(CrawlErrorKind.Disallowed, $"{url.Host} is not DLsite nor {_options.BaseUrl.Host}: not fetched");
    }

    async Task<Fetched> FetchWithRetriesAsync(Uri url, TimeSpan delay, CancellationToken ct)
    {
        var outcome = await _retry.ExecuteAsync(async token => await pacer.RunAsync(url.Authority, delay, t => FetchOnceAsync(url, t), token), ct);
        return outcome.Fetched ?? throw outcome.Failure!;
    }

    /// <summary>
    /// Retries a retryable outcome up to <c>Crawler:Retry:MaxAttempts</c> in all, waiting what Retry-After asks or else
    /// <c>Crawler:Retry:BaseDelay</c> doubling; a wait over <see cref="LongestRetryAfter"/> gives up at once.
    /// </summary>
    internal static void ConfigureRetry(ResiliencePipelineBuilder<Outcome> pipeline, AddResiliencePipelineContext<string> context)
    {
        var settings = context.GetOptions<RetrySettings>(CrawlerOptions.RetrySection);
        var logger = context.ServiceProvider.GetRequiredService<ILogger<DLsiteClient>>();
        pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
        pipeline.AddRetry(settings.ApplyTo<RetryStrategyOptions<Outcome>, Outcome>(new RetryStrategyOptions<Outcome>
        {
            ShouldHandle = retry => ValueTask.FromResult(retry.Outcome.Result is { Retryable: true } outcome
                && (outcome.RetryAfter ?? Backoff(settings, retry.AttemptNumber)) <= LongestRetryAfter),
            DelayGenerator = retry => ValueTask.FromResult(retry.Outcome.Result?.RetryAfter),
            OnRetry = retry =>
            {
                LogRetry(logger, retry.Outcome.Result!.Failure!.Message, retry.RetryDelay.TotalSeconds, retry.AttemptNumber + 1, settings.MaxAttempts - 1);
                return default;
            },
        }, jitter: false));
    }

    static TimeSpan Backoff(RetrySettings settings, int attempt) =>
        settings.BaseDelay * Math.Pow(2, attempt) is var wait && settings.MaxDelay is { } max && wait > max ? max : wait;

    async Task<Outcome> FetchOnceAsync(Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        Interlocked.Increment(ref _requests);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.ParseAdd(_options.UserAgent);
            request.Headers.Add("Cookie", "adultchecked=1; locale=ja_JP");
            request.Headers.AcceptLanguage.ParseAdd("ja-JP");
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return await OutcomeOfAsync(url, response, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Outcome.Retry(CrawlErrorKind.Timeout, $"{url} took longer than {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (IOException e)
        {
            // The body read itself (HttpIOException, or a reset connection while streaming it).
            return Outcome.Retry(CrawlErrorKind.Truncated, $"{url}: the body ended early ({e.Message})");
        }
        catch (HttpRequestException e)
        {
            return Outcome.Retry(CrawlErrorKind.HttpError, $"{url}: unreachable ({Cause(e)})");
        }
    }

    async Task<Outcome> OutcomeOfAsync(Uri url, HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            return Outcome.Success(new Fetched("", new Uri(url, location)));
        var retryAfter = RetryAfter(response);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var body = await ReadBodyAsync(url, response.Content, ct);
                var html = response.Content.Headers.ContentType?.MediaType == "text/html";
                // Cut off on the way: tried again now, where the parser would only refuse it.
                return html && !HtmlDocuments.IsWhole(body)
                    ? Outcome.Retry(CrawlErrorKind.Truncated, $"{url}: the page ends before </html> ({body.Length} chars)")
                    : Outcome.Success(new Fetched(body, null));
            case HttpStatusCode.Accepted:
                return Outcome.Retry(CrawlErrorKind.Challenge, $"{url}: HTTP 202 challenge page (too many requests)", retryAfter);
            case HttpStatusCode.TooManyRequests:
                return Outcome.Retry(CrawlErrorKind.RateLimited, $"{url}: HTTP 429", retryAfter, status);
            case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                return Outcome.Fail(CrawlErrorKind.NotFound, $"{url}: HTTP {status}", status);
            case >= HttpStatusCode.InternalServerError:
                return Outcome.Retry(CrawlErrorKind.ServerError, $"{url}: HTTP {status}", retryAfter, status);
            default:
                return Outcome.Fail(CrawlErrorKind.HttpError, $"{url}: HTTP {status}", status);
        }
    }

    /// <summary>Why a request got no answer, in a few words a person reads in one log line.</summary>
    static string Cause(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "name not resolved",
        HttpRequestError.ConnectionError => e.InnerException?.Message is { Length: > 0 } inner ? $"no connection: {inner}" : "no connection",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "connection closed before an answer",
        HttpRequestError.ProxyTunnelError => "proxy refused the connection",
        _ => e.Message,
    };
    /// <summary>At most <see cref="CrawlerOptions.MaxResponseBytes"/> bytes, decoded by the declared (or sniffed) charset.</summary>
    async Task<string> ReadBodyAsync(Uri url, HttpContent content, CancellationToken ct)
    {
        var limit = _options.MaxResponseBytes;
        if (content.Headers.ContentLength > limit) throw TooLarge(url, limit);
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        for (int read; (read = await stream.ReadAsync(buffer, ct)) > 0;)
        {
            if (body.Length + read > limit) throw TooLarge(url, limit);
            body.Write(buffer, 0, read);
        }
        var charset = content.Headers.ContentType?.CharSet;
        var (text, guessed) = ResponseText.Decode(body.GetBuffer().AsSpan(0, (int)body.Length), charset);
        if (guessed is not null && !string.IsNullOrWhiteSpace(charset)) LogCharsetGuessed(logger, url, charset, guessed);
        return text;
    }

    static CrawlException TooLarge(Uri url, long limit) =>
        new(CrawlErrorKind.TooLarge, $"{url}: the body is larger than Crawler:MaxResponseBytes ({limit} bytes): not read");

    TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    [LoggerMessage(1, LogLevel.Warning, "DLsite {Failure}; next try in {WaitSeconds:0.#} s ({Attempt}/{MaxRetries})")]
    static partial void LogRetry(ILogger logger, string failure, double waitSeconds, int attempt, int? maxRetries);

    [LoggerMessage(2, LogLevel.Warning, "DLsite {Url}: unknown charset {Charset}, read as {Guessed}")]
    static partial void LogCharsetGuessed(ILogger logger, Uri url, string charset, string guessed);

    [LoggerMessage(3, LogLevel.Warning, "DLsite {Url} could not be read ({Kind}: {Reason}): nothing on this host is fetched until the next cycle reads it")]
    static partial void LogRobotsUnreadable(ILogger logger, Uri url, string kind, string reason);

    internal sealed record Fetched(string Body, Uri? Location);

    internal sealed record Outcome(Fetched? Fetched, CrawlException? Failure, bool Retryable, TimeSpan? RetryAfter)
    {
        public static Outcome Success(Fetched fetched) => new(fetched, null, false, null);
        public static Outcome Retry(CrawlErrorKind kind, string reason, TimeSpan? retryAfter = null, int? status = null) => new(null, new CrawlException(kind, reason, status), true, retryAfter);
        public static Outcome Fail(CrawlErrorKind kind, string reason, int? status = null) => new(null, new CrawlException(kind, reason, status), false, null);
    }
}

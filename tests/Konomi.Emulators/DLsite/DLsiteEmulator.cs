using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Konomi.Emulators.DLsite;

/// <summary>
/// A local DLsite: a Kestrel server on 127.0.0.1 with a free port serving robots.txt, the newest-first fsr
/// listings of each floor, product.json, work and announce pages, all built from the real fixtures. Tests add
/// works between crawls, inject faults, and read what was requested (per kind, concurrency, headers).
/// </summary>
public sealed partial class DLsiteEmulator : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly DLsitePages _pages = new();
    readonly Lock _gate = new();
    readonly List<EmulatedWork> _works = [];
    readonly List<(DLsiteFault Fault, RequestKind? Kind)> _faults = [];
    readonly ConcurrentQueue<RecordedRequest> _requests = new();
    readonly ConcurrentDictionary<(string WorkId, RequestKind Kind), Alteration> _alterations = new();
    volatile RequestKind[] _maintenance = [];
    int _inFlight;
    int _maxInFlight;
    int _nextNumber = 1_800_001;

    [GeneratedRegex(@"^/(?<floor>[a-z]+)/fsr/=/.*/page/(?<page>\d+)/?$")]
    private static partial Regex ListingPath();

    [GeneratedRegex(@"^/(?<floor>[a-z]+)/(?<kind>work|announce)/=/product_id/(?<id>[A-Z]{2}\d+)\.html/?$")]
    private static partial Regex WorkPath();

    static DLsiteEmulator() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    DLsiteEmulator(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <param name="port">0 (a free port) in tests; a fixed one for a person trying Konomi against it.</param>
    public static async Task<DLsiteEmulator> StartAsync(CancellationToken ct = default, int port = 0)
    {
        var emulator = new DLsiteEmulator(port);
        await emulator._app.StartAsync(ct);
        emulator.BaseUrl = new Uri(emulator._app.Urls.First().TrimEnd('/') + "/");
        return emulator;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The <c>Crawl-delay</c> robots.txt announces; none by default so tests run fast.</summary>
    public TimeSpan? CrawlDelay { get; set; }

    /// <summary>Paths robots.txt disallows besides DLsite's own rules, as a later robots.txt might (<c>/*/api/</c>).</summary>
    public List<string> Disallow { get; } = [];

    /// <summary>
    /// DLsite goes down for maintenance: requests of <paramref name="kinds"/> (every kind but robots.txt when none is named)
    /// get its maintenance page, with HTTP 200, until <see cref="EndMaintenance"/>.
    /// </summary>
    public void BeginMaintenance(params RequestKind[] kinds) =>
        _maintenance = kinds.Length > 0 ? [.. kinds] : [.. Enum.GetValues<RequestKind>().Where(k => k != RequestKind.Robots)];

    public void EndMaintenance() => _maintenance = [];

    /// <summary>Configuration that points Konomi's crawler at this emulator, with no delays or backoff to wait for.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Crawler:BaseUrl"] = BaseUrl.ToString(),
        ["Crawler:MinimumDelay"] = "00:00:00",
        ["Crawler:Retry:BaseDelay"] = "00:00:00.010",
        ["Crawler:Timeout"] = "00:00:05",
        ["Crawler:ScheduleEnabled"] = "false",
    };

    /// <summary>Adds <paramref name="count"/> works newer than every work so far (8-digit ids), newest last.</summary>
    public IReadOnlyList<EmulatedWork> AddWorks(int count, string floor = "maniax", EmulatedWorkState state = EmulatedWorkState.Released)
    {
        lock (_gate)
        {
            var added = Enumerable.Range(0, count).Select(_ =>
            {
                var n = _nextNumber++;
                return new EmulatedWork($"RJ0{n}", floor, $"耳かきと添い寝の癒やしASMR 第{n}夜", $"サークル{n % 7}", $"声優{n % 5}",
                    new DateOnly(2026, 9, 1).AddDays((n - 1_800_001) / 3), 880 + n % 5 * 110, state);
            }).ToList();
            _works.AddRange(added);
            return added;
        }
    }

    /// <summary>An announced work goes on sale under the same id, as on DLsite.</summary>
    public void Release(string id)
    {
        lock (_gate)
        {
            var index = _works.FindIndex(w => w.Id == id);
            _works[index] = _works[index] with { State = EmulatedWorkState.Released };
        }
    }

    public IReadOnlyList<EmulatedWork> Works { get { lock (_gate) return [.. _works]; } }

    /// <summary>Answers the next <paramref name="times"/> requests (of <paramref name="kind"/>, or any) with <paramref name="fault"/>.</summary>
    public void Fail(DLsiteFault fault, int times = 1, RequestKind? kind = null)
    {
        lock (_gate)
            for (var i = 0; i < times; i++)
                _faults.Add((fault, kind));
    }

    /// <summary>
    /// Serves one work's product.json or page oddly on every request: its text rewritten by <paramref name="body"/>,
    /// encoded in <paramref name="codePage"/> and labelled <c>charset=<paramref name="charset"/></c> (either may be odd).
    /// </summary>
    public void Alter(string workId, RequestKind kind, Func<string, string>? body = null, string? charset = null, int codePage = 65001) =>
        _alterations[(workId, kind)] = new Alteration(body ?? (text => text), charset, codePage);

    /// <summary>Serves every listing page rewritten by <paramref name="body"/>, as a new listing layout would.</summary>
    public void AlterListings(Func<string, string> body) => Alter(AnyListing, RequestKind.Listing, body);

    /// <summary>The work id a listing request's alteration is kept under: listings belong to no one work.</summary>
    const string AnyListing = "";

    /// <summary>Both of the work's documents unreadable on its own account: a product.json that is no work, a page that is no work page.</summary>
    public void Break(string workId)
    {
        Alter(workId, RequestKind.ProductJson, _ => "{\"workno\": 5}");
        Alter(workId, RequestKind.WorkPage, _ => "<html><body>no work here</body></html>");
    }

    /// <summary>Serves the work's documents as they are again.</summary>
    public void Mend(string workId)
    {
        _alterations.TryRemove((workId, RequestKind.ProductJson), out _);
        _alterations.TryRemove((workId, RequestKind.WorkPage), out _);
    }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int RequestCount(RequestKind kind) => _requests.Count(r => r.Kind == kind);

    /// <summary>The most requests the emulator was serving at the same moment.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public void ClearRequests() => _requests.Clear();

    async Task HandleAsync(HttpContext context)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var path = context.Request.Path.Value ?? "/";
        var kind = KindOf(path);
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            var fault = TakeFault(kind);
            if (fault is { Status: not 200 })
            {
                await AnswerFaultAsync(context, fault);
                return;
            }
            if (fault?.Delay is { } delay) await Task.Delay(delay, context.RequestAborted);
            var workno = context.Request.Query["workno"].ToString();
            var (status, contentType, body) = Serve(path, kind, workno);
            var bytes = Encoding.UTF8.GetBytes(body);
            var workId = kind switch
            {
                RequestKind.ProductJson => workno,
                RequestKind.Listing => AnyListing,
                _ => WorkPath().Match(path).Groups["id"].Value,
            };
            if (_alterations.TryGetValue((workId, kind), out var alteration))
            {
                bytes = Encoding.GetEncoding(alteration.CodePage).GetBytes(alteration.Body(body));
                if (alteration.Charset is not null) contentType = $"{contentType.Split(';')[0]}; charset={alteration.Charset}";
            }
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = bytes.Length;
            if (fault?.Truncate == true)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return;
            }
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout): nothing left to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _requests.Enqueue(new RecordedRequest(kind, path + context.Request.QueryString, context.Request.Headers.UserAgent.ToString(),
                context.Request.Headers.Cookie.ToString(), startedAt, DateTimeOffset.UtcNow));
        }
    }

    (int Status, string ContentType, string Body) Serve(string path, RequestKind kind, string workno)
    {
        const string html = "text/html; charset=utf-8";
        if (_maintenance.Contains(kind)) return (200, html, DLsitePages.MaintenancePage);
        switch (kind)
        {
            case RequestKind.Robots:
                var delay = CrawlDelay is { } d ? $"Crawl-delay: {d.TotalSeconds:0.###}\n" : "";
                return (200, "text/plain", $"User-agent: *\n{delay}Disallow: /*/fsr/=/*/per_page/*/page/\nAllow: /*/fsr/=/*/per_page/*/page/1/\nDisallow: /*adultcheck/\n"
                    + string.Concat(Disallow.Select(path => $"Disallow: {path}\n")));
            case RequestKind.Listing:
                var listing = ListingPath().Match(path);
                var floor = listing.Groups["floor"].Value;
                // Announced works are listed too, as with ana_flg/all, so crawlers meet them before release.
                var newestFirst = Works.Where(w => w.Floor == floor).Reverse().ToList();
                return (200, html, _pages.Listing(newestFirst, int.Parse(listing.Groups["page"].Value), ["RJ01000297", "RJ299717"]));
            case RequestKind.ProductJson:
                return Find(workno) is { State: not EmulatedWorkState.NotOnSale } product ? (200, "application/json", _pages.ProductJson(product)) : (200, "application/json", "[]");
            case RequestKind.WorkPage or RequestKind.AnnouncePage:
                var match = WorkPath().Match(path);
                return (Find(match.Groups["id"].Value), kind) switch
                {
                    ({ State: EmulatedWorkState.Announced or EmulatedWorkState.NotOnSale } work, RequestKind.AnnouncePage) => (200, html, _pages.AnnouncePage(work)),
                    ({ State: EmulatedWorkState.Released } work, RequestKind.WorkPage) => (200, html, _pages.WorkPage(work)),
                    ({ State: EmulatedWorkState.RegionBlocked } work, RequestKind.WorkPage) => (200, html, _pages.RegionBlockedPage(work)),
                    ({ State: EmulatedWorkState.Malformed }, RequestKind.WorkPage) => (200, html, DLsitePages.MalformedPage),
                    _ => (404, html, DLsitePages.NotFoundPage),
                };
            default:
                return (404, html, DLsitePages.NotFoundPage);
        }
    }

    static async Task AnswerFaultAsync(HttpContext context, DLsiteFault fault)
    {
        context.Response.StatusCode = fault.Status;
        context.Response.ContentType = "text/html; charset=utf-8";
        if (fault.RetryAfter is { } retryAfter)
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        if (fault.Location is { } location)
            context.Response.Headers.Location = location.ToString();
        await context.Response.WriteAsync(DLsitePages.ChallengePage, context.RequestAborted);
    }

    DLsiteFault? TakeFault(RequestKind kind)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Kind is null || f.Kind == kind);
            if (index < 0) return null;
            var fault = _faults[index].Fault;
            _faults.RemoveAt(index);
            return fault;
        }
    }

    EmulatedWork? Find(string id) { lock (_gate) return _works.FirstOrDefault(w => w.Id == id); }

    static RequestKind KindOf(string path) => path switch
    {
        "/robots.txt" => RequestKind.Robots,
        _ when ListingPath().IsMatch(path) => RequestKind.Listing,
        _ when path.EndsWith("/api/=/product.json", StringComparison.Ordinal) => RequestKind.ProductJson,
        _ when WorkPath().Match(path) is { Success: true } m => m.Groups["kind"].Value == "work" ? RequestKind.WorkPage : RequestKind.AnnouncePage,
        _ => RequestKind.Other,
    };

    static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
    }

    sealed record Alteration(Func<string, string> Body, string? Charset, int CodePage);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

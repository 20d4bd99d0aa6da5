namespace Konomi.Crawler;

/// <summary>Section <c>Crawler</c>: what to crawl, how often and how politely.</summary>
public sealed class CrawlerOptions
{
    public const string Section = "Crawler";

    /// <summary>
    /// Retries of a request after a 202 challenge, 429, 5xx, timeout or truncated body (<see cref="Konomi.Resilience.RetrySettings"/>):
    /// a Retry-After is waited as given, else the delay doubles from <c>BaseDelay</c> (at least 1 s against DLsite).
    /// </summary>
    public const string RetrySection = "Crawler:Retry";

    /// <summary>The DLsite origin; any other origin (an emulator, a mirror) is the only host then fetched.</summary>
    public Uri BaseUrl { get; set; } = new("https://www.dlsite.com");

    /// <summary>DLsite floors searched for new works: maniax (R18), home (all ages), girls, bl, pro, books. Default maniax and home.</summary>
    public string[] Floors { get; set; } = [];

    /// <summary>Search <c>work_type_category</c> values; audio (ボイス・ASMR) by default.</summary>
    public string[] WorkCategories { get; set; } = [];

    /// <summary>Listing pages per floor and cycle; DLsite shows 30 works a page, so 4 covers the newest 100.</summary>
    public int PagesPerCycle { get; set; } = 4;

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The least time between two requests to one host; robots.txt Crawl-delay raises it, never lowers it.</summary>
    public TimeSpan MinimumDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest body read (after decompression); DLsite's pages are well under 1 MB.</summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Cycles in which one work may fail before it is recorded as failed and no longer fetched.</summary>
    public int MaxWorkAttempts { get; set; } = 3;

    public string UserAgent { get; set; } = "Konomi/1.0 (new voice work notifier; one request at a time, honours robots.txt Crawl-delay)";

    /// <summary>False when something else triggers cycles (<c>konomi crawl --once</c>, a CronJob, <c>konomi run --once</c>).</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>
    /// Fills the list defaults after binding: the configuration binder appends configured entries to an
    /// initialised array instead of replacing it, so the defaults cannot live in the initialisers. A blank entry
    /// (<c>Crawler__Floors__1=</c>, to drop the default home floor) is no entry, not a floor whose every URL is a 404.
    /// </summary>
    public void ApplyDefaults()
    {
        Floors = [.. Floors.Where(f => !string.IsNullOrWhiteSpace(f))];
        WorkCategories = [.. WorkCategories.Where(c => !string.IsNullOrWhiteSpace(c))];
        if (Floors.Length == 0) Floors = ["maniax", "home"];
        if (WorkCategories.Length == 0) WorkCategories = ["audio"];
    }

    /// <summary>True when <see cref="BaseUrl"/> is DLsite itself, where the politeness floors apply.</summary>
    public bool TargetsDLsite => BaseUrl.IsAbsoluteUri && (BaseUrl.Host.Equals("dlsite.com", StringComparison.OrdinalIgnoreCase)
        || BaseUrl.Host.EndsWith(".dlsite.com", StringComparison.OrdinalIgnoreCase));
}

using Konomi.Hosting;

namespace Konomi.Crawler;

/// <summary>
/// How long a backfill takes at most, before it starts: every listing page full and every work on it new,
/// each new work fetched as product.json and its page, one request every <see cref="RequestSpacing"/>
/// (max(MinimumDelay, robots.txt Crawl-delay)). Works already stored cost nothing, so the real run is shorter.
/// </summary>
public sealed record BackfillEstimate(int Pages, int Floors, TimeSpan RequestSpacing)
{
    /// <summary>DLsite's listing page size.</summary>
    public const int WorksPerPage = 30;

    /// <summary>product.json and the work page.</summary>
    public const int RequestsPerWork = 2;

    /// <summary>The backfill offered first: enough works to start labelling, in minutes rather than hours.</summary>
    public const int SmallPages = 2;

    public int Works => Pages * Floors * WorksPerPage;

    public int Requests => Pages * Floors + Works * RequestsPerWork;

    public TimeSpan Duration => RequestSpacing * Requests;

    public override string ToString()
    {
        var text = FormattableString.Invariant($"Backfill of {Pages} {(Pages == 1 ? "page" : "pages")} on {Floors} {(Floors == 1 ? "floor" : "floors")}: up to {Works:N0} works, ")
            + $"~{RequestsPerWork} requests each, one request every {Eta.Format(RequestSpacing)}: about {Eta.Format(Duration)}.";
        return Pages > SmallPages
            ? text + $" Start small with --pages {SmallPages} (~{Eta.Format((this with { Pages = SmallPages }).Duration)})."
            : text;
    }
}

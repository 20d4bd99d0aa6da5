using Konomi.Contracts;
using Konomi.Crawler;
using Konomi.Storage.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Konomi.Web.Pages;

/// <summary>
/// What the crawler and the notifier have done lately: listing crawls, floors whose last read failed, the newest works,
/// works whose own documents keep failing, and the notification ledger with titles.
/// </summary>
public sealed class StatusModel(IUserStore users, ISnapshotStore snapshots, IWorkStore works, ICrawlFailureStore crawlFailures,
    IFloorReadStore floorReads, INotificationStore notifications, IOptions<CrawlerOptions> crawler) : UserPage(users)
{
    public IReadOnlyList<CrawlSnapshot> Crawls { get; private set; } = [];

    /// <summary>Configured floors whose last listing read failed, as <c>konomi status</c> shows them.</summary>
    public IReadOnlyList<FloorRead> UnreadFloors { get; private set; } = [];
    public IReadOnlyList<Work> Newest { get; private set; } = [];
    public long StoredWorks { get; private set; }
    public IReadOnlyList<CrawlFailure> FailedWorks { get; private set; } = [];
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];
    public IReadOnlyDictionary<string, Work> Titles { get; private set; } = new Dictionary<string, Work>();

    /// <summary>The outcome of a retry, carried to the page it redirects to.</summary>
    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        Crawls = await snapshots.ListAsync(null, 10, ct);
        UnreadFloors = [.. (await floorReads.ListAsync(ct)).Where(f => f.Failed && crawler.Value.Floors.Contains(f.Floor))];
        Newest = await works.ListAsync(null, 10, ct);
        StoredWorks = await works.CountAsync(ct);
        FailedWorks = await crawlFailures.ListAsync(20, ct);
        // A person's token sees their own posts in the ledger; crawls and failed works belong to nobody.
        Notifications = await notifications.ListAsync(null, 30, OnlyUser, ct);
        Titles = await works.FindManyAsync(Notifications.Select(n => n.WorkId), ct);
        return Page();
    }

    /// <summary>Forgets one failed work, as <c>konomi crawl --retry-failed</c> does for all, so the next cycle fetches it again.</summary>
    public async Task<IActionResult> OnPostRetryAsync(string? workId, CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        if (!IsOperator)
            return Refused("Only the operator's token (Web:Token) may retry the crawler's failed works.");
        if (string.IsNullOrWhiteSpace(workId))
            return PlainAnswer.Of(StatusCodes.Status400BadRequest, "Name the work to retry (workId=…): nothing was retried.");
        Message = await crawlFailures.ForgetAsync(workId, ct)
            ? $"{workId} will be fetched again at the next crawl cycle that lists it."
            : $"{workId} is not recorded as failed (already retried, or it never failed): nothing to do.";
        return RedirectToPage(new { user = UserId });
    }

    /// <summary>The crawler's own words for a failure, as <c>konomi crawl --failed</c> says them.</summary>
    public string State(CrawlFailure failure) => failure.State(crawler.Value.MaxWorkAttempts);

    public string Title(string workId) => Titles.TryGetValue(workId, out var work) ? work.Title : workId;
}

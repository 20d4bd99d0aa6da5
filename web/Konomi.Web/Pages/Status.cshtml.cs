using Konomi.Contracts;
using Konomi.Storage.Ports;
using Microsoft.AspNetCore.Mvc;

namespace Konomi.Web.Pages;

/// <summary>
/// What the crawler and the notifier have done lately: listing crawls, the newest works, works whose own documents keep
/// failing, and the notification ledger with titles.
/// </summary>
public sealed class StatusModel(IUserStore users, ISnapshotStore snapshots, IWorkStore works, ICrawlFailureStore crawlFailures,
    INotificationStore notifications) : UserPage(users)
{
    public IReadOnlyList<CrawlSnapshot> Crawls { get; private set; } = [];
    public IReadOnlyList<Work> Newest { get; private set; } = [];
    public long StoredWorks { get; private set; }
    public IReadOnlyList<CrawlFailure> FailedWorks { get; private set; } = [];
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];
    public IReadOnlyDictionary<string, Work> Titles { get; private set; } = new Dictionary<string, Work>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        Crawls = await snapshots.ListAsync(null, 10, ct);
        Newest = await works.ListAsync(null, 10, ct);
        StoredWorks = await works.CountAsync(ct);
        FailedWorks = await crawlFailures.ListAsync(20, ct);
        Notifications = await notifications.ListAsync(null, 30, ct);
        Titles = await works.FindManyAsync(Notifications.Select(n => n.WorkId), ct);
        return Page();
    }

    public string Title(string workId) => Titles.TryGetValue(workId, out var work) ? work.Title : workId;
}

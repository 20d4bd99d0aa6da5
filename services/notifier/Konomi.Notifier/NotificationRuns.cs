using Konomi.Storage.Ports;

namespace Konomi.Notifier;

/// <summary>The ledger entries of one user's crawl run, for the maximum per run.</summary>
public static class NotificationRuns
{
    /// <summary>Recorded when a work is over the user's maximum per run: visible in the ledger, not posted.</summary>
    public const string OverMaxPerRun = "max_per_run";

    // The ledger port lists newest first; one crawl run's entries are among the newest by far.
    const int Scan = 2000;

    public static async Task<IReadOnlyList<Notification>> ListRunAsync(this INotificationStore ledger, string userId, Guid crawlRunId, CancellationToken ct) =>
        [.. (await ledger.ListAsync(null, Scan, ct)).Where(n => n.UserId == userId && n.CrawlRunId == crawlRunId)];

    /// <summary>Posted or on its way: what counts against the maximum.</summary>
    public static bool CountsAgainstMax(this Notification entry) =>
        entry.Status == NotificationStatus.Sent || (entry.Status == NotificationStatus.Pending && entry.Error != OverMaxPerRun);
}

namespace Konomi.Storage.Ports;

/// <summary>
/// The notification ledger: one entry per (work, target). A notifier claims an entry before posting,
/// so a redelivery, a restart or a second replica never posts the same work to the same target twice.
/// </summary>
public interface INotificationStore
{
    /// <summary>Creates the entry as pending; false when one exists for (work, target).</summary>
    Task<bool> TryCreateAsync(Notification notification, CancellationToken ct = default);

    /// <summary>
    /// Takes the right to post: succeeds only for a pending (or failed-but-retryable) entry whose lease is
    /// free or expired. Returns the leased entry or null.
    /// </summary>
    Task<Notification?> TryLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default);

    Task MarkSentAsync(string workId, string target, string channel, string messageTs, CancellationToken ct = default);

    Task MarkFailedAsync(string workId, string target, string error, bool final, CancellationToken ct = default);

    Task<Notification?> FindAsync(string workId, string target, CancellationToken ct = default);

    /// <summary>Finds by posted message, for turning a click back into its notification.</summary>
    Task<Notification?> FindByMessageAsync(string channel, string messageTs, CancellationToken ct = default);

    /// <summary>Newest first, optionally only one status.</summary>
    Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status = null, int limit = 100, CancellationToken ct = default);
}

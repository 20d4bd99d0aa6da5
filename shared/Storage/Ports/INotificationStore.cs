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

    /// <summary>
    /// Extends the lease while <paramref name="owner"/> still holds it (a slow post, a long Retry-After);
    /// false when it was lost, to an expiry and another owner, or the entry is no longer pending.
    /// </summary>
    Task<bool> RenewLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default);

    /// <summary>
    /// Records the post, fenced by the lease: only the owner that still holds it (expired or not, as long as
    /// nobody took it over) may. False otherwise, so an owner that lost its lease cannot overwrite the winner.
    /// </summary>
    Task<bool> MarkSentAsync(string workId, string target, string owner, string channel, string messageTs, CancellationToken ct = default);

    /// <summary>
    /// Records the heading of the digest message a leased entry is about to be posted in, fenced like
    /// <see cref="MarkSentAsync"/>: a part that fails is posted again by a later sweep under the same heading.
    /// </summary>
    Task<bool> SetHeadingAsync(string workId, string target, string owner, string heading, CancellationToken ct = default);

    /// <summary>
    /// Records a failed attempt, fenced like <see cref="MarkSentAsync"/>: pending again and held until <paramref name="retryAt"/>
    /// (it falls due then, see <see cref="ListDueAsync"/>), or, with no retry time, failed for good.
    /// </summary>
    Task<bool> MarkFailedAsync(string workId, string target, string owner, string error, DateTimeOffset? retryAt, CancellationToken ct = default);

    /// <summary>
    /// Hands an entry one user of a shared target did not post (held for them, or failed for a reason of their own) to
    /// another user of that target, as <paramref name="reopened"/>: only while it is still as <paramref name="seen"/>
    /// (status, user, attempts) and nobody holds its lease, so of two users reopening it one wins and a post on its way
    /// or made is never taken over. False otherwise.
    /// </summary>
    Task<bool> TryReopenAsync(Notification seen, Notification reopened, CancellationToken ct = default);

    Task<Notification?> FindAsync(string workId, string target, CancellationToken ct = default);

    /// <summary>Finds by posted message, for turning a click back into its notification.</summary>
    Task<Notification?> FindByMessageAsync(string channel, string messageTs, CancellationToken ct = default);

    /// <summary>One user's entries of one crawl run, whatever their status: what the maximum per run counts.</summary>
    Task<IReadOnlyList<Notification>> ListRunAsync(string userId, Guid crawlRunId, CancellationToken ct = default);

    /// <summary>Every work the ledger holds for one user in the given status, however long ago.</summary>
    Task<IReadOnlyList<string>> ListWorkIdsAsync(string userId, NotificationStatus status, CancellationToken ct = default);

    /// <summary>How many entries are in this status (the status line), without reading them.</summary>
    Task<long> CountAsync(NotificationStatus status, CancellationToken ct = default);

    /// <summary>
    /// Pending entries due by <paramref name="dueBy"/> (<see cref="Notification.DueAt"/>: the hold has ended, or there is
    /// none), in the order they fell due (then by creation, work and target), those after <paramref name="after"/> (the last
    /// entry of the previous page; null for the first page). Served by an index on the due time: entries held until
    /// later are not read, so the sweep's tick reads what it may post and no more.
    /// </summary>
    Task<IReadOnlyList<Notification>> ListDueAsync(DateTimeOffset dueBy, Notification? after, int limit, CancellationToken ct = default);

    /// <summary>Newest first, optionally only one status and only one user's.</summary>
    Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status = null, int limit = 100, string? userId = null, CancellationToken ct = default);
}

using Konomi.Storage.Ports;

namespace Konomi.Notifier.Tests;

/// <summary>
/// The shared ledger as one notifier sees it: every call goes straight to <paramref name="inner"/> unless a test's view
/// overrides it (a store that answers late, a count of what the sweep reads).
/// </summary>
abstract class LedgerView(INotificationStore inner) : INotificationStore
{
    public virtual Task<bool> RenewLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default) =>
        inner.RenewLeaseAsync(workId, target, owner, leaseUntil, ct);

    public virtual Task<bool> TryCreateAsync(Notification notification, CancellationToken ct = default) => inner.TryCreateAsync(notification, ct);

    public virtual Task<Notification?> TryLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default) =>
        inner.TryLeaseAsync(workId, target, owner, leaseUntil, ct);

    public virtual Task<bool> MarkSentAsync(string workId, string target, string owner, string channel, string messageTs, CancellationToken ct = default) =>
        inner.MarkSentAsync(workId, target, owner, channel, messageTs, ct);

    public virtual Task<bool> MarkFailedAsync(string workId, string target, string owner, string error, DateTimeOffset? retryAt, CancellationToken ct = default) =>
        inner.MarkFailedAsync(workId, target, owner, error, retryAt, ct);

    public virtual Task<bool> SetHeadingAsync(string workId, string target, string owner, string heading, CancellationToken ct = default) =>
        inner.SetHeadingAsync(workId, target, owner, heading, ct);

    public virtual Task<bool> TryReopenAsync(Notification seen, Notification reopened, CancellationToken ct = default) =>
        inner.TryReopenAsync(seen, reopened, ct);

    public virtual Task<Notification?> FindAsync(string workId, string target, CancellationToken ct = default) => inner.FindAsync(workId, target, ct);

    public virtual Task<Notification?> FindByMessageAsync(string channel, string messageTs, CancellationToken ct = default) =>
        inner.FindByMessageAsync(channel, messageTs, ct);

    public virtual Task<IReadOnlyList<Notification>> ListRunAsync(string userId, Guid crawlRunId, CancellationToken ct = default) =>
        inner.ListRunAsync(userId, crawlRunId, ct);

    public virtual Task<IReadOnlyList<string>> ListWorkIdsAsync(string userId, NotificationStatus status, CancellationToken ct = default) =>
        inner.ListWorkIdsAsync(userId, status, ct);

    public virtual Task<IReadOnlyList<Notification>> ListDueAsync(DateTimeOffset dueBy, Notification? after, int limit, CancellationToken ct = default) =>
        inner.ListDueAsync(dueBy, after, limit, ct);

    public virtual Task<long> CountAsync(NotificationStatus status, CancellationToken ct = default) => inner.CountAsync(status, ct);

    public virtual Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status = null, int limit = 100, string? userId = null, CancellationToken ct = default) =>
        inner.ListAsync(status, limit, userId, ct);
}

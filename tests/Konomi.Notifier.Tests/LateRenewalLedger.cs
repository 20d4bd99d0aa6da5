using Konomi.Storage.Ports;

namespace Konomi.Notifier.Tests;

/// <summary>
/// A ledger whose first lease renewal reaches the store only once <paramref name="arrives"/> completes: a store that
/// was away and applies a request sent before it went. Everything else goes straight to <paramref name="inner"/>.
/// </summary>
sealed class LateRenewalLedger(INotificationStore inner, Task arrives) : INotificationStore
{
    int _renewals;

    /// <summary>Completes when the first renewal has been sent.</summary>
    public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<bool> RenewLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        if (Interlocked.Increment(ref _renewals) == 1)
        {
            Sent.SetResult();
            await arrives;
        }
        return await inner.RenewLeaseAsync(workId, target, owner, leaseUntil, ct);
    }

    public Task<bool> TryCreateAsync(Notification notification, CancellationToken ct = default) => inner.TryCreateAsync(notification, ct);

    public Task<Notification?> TryLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default) =>
        inner.TryLeaseAsync(workId, target, owner, leaseUntil, ct);

    public Task<bool> MarkSentAsync(string workId, string target, string owner, string channel, string messageTs, CancellationToken ct = default) =>
        inner.MarkSentAsync(workId, target, owner, channel, messageTs, ct);

    public Task<bool> MarkFailedAsync(string workId, string target, string owner, string error, bool final, CancellationToken ct = default) =>
        inner.MarkFailedAsync(workId, target, owner, error, final, ct);

    public Task<bool> SetHeadingAsync(string workId, string target, string owner, string heading, CancellationToken ct = default) =>
        inner.SetHeadingAsync(workId, target, owner, heading, ct);

    public Task<bool> TryReopenAsync(Notification seen, Notification reopened, CancellationToken ct = default) =>
        inner.TryReopenAsync(seen, reopened, ct);

    public Task<Notification?> FindAsync(string workId, string target, CancellationToken ct = default) => inner.FindAsync(workId, target, ct);

    public Task<Notification?> FindByMessageAsync(string channel, string messageTs, CancellationToken ct = default) =>
        inner.FindByMessageAsync(channel, messageTs, ct);

    public Task<IReadOnlyList<Notification>> ListRunAsync(string userId, Guid crawlRunId, CancellationToken ct = default) =>
        inner.ListRunAsync(userId, crawlRunId, ct);

    public Task<IReadOnlyList<string>> ListWorkIdsAsync(string userId, NotificationStatus status, CancellationToken ct = default) =>
        inner.ListWorkIdsAsync(userId, status, ct);

    public Task<IReadOnlyList<Notification>> ListDueAsync(DateTimeOffset dueBy, Notification? after, int limit, CancellationToken ct = default) =>
        inner.ListDueAsync(dueBy, after, limit, ct);

    public Task<long> CountAsync(NotificationStatus status, CancellationToken ct = default) => inner.CountAsync(status, ct);

    public Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status = null, int limit = 100, string? userId = null, CancellationToken ct = default) =>
        inner.ListAsync(status, limit, userId, ct);
}

using Konomi.Storage.Ports;

namespace Konomi.Notifier.Tests;

/// <summary>
/// A ledger whose first lease renewal reaches the store only once <paramref name="arrives"/> completes: a store that
/// was away and applies a request sent before it went. Everything else goes straight to <paramref name="inner"/>.
/// </summary>
sealed class LateRenewalLedger(INotificationStore inner, Task arrives) : LedgerView(inner)
{
    int _renewals;

    /// <summary>Completes when the first renewal has been sent.</summary>
    public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task<bool> RenewLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        if (Interlocked.Increment(ref _renewals) == 1)
        {
            Sent.SetResult();
            await arrives;
        }
        return await base.RenewLeaseAsync(workId, target, owner, leaseUntil, ct);
    }
}

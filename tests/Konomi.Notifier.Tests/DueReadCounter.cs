using Konomi.Storage.Ports;

namespace Konomi.Notifier.Tests;

/// <summary>A ledger that counts the entries its due queries return: what a sweep's tick reads.</summary>
sealed class DueReadCounter(INotificationStore inner) : LedgerView(inner)
{
    int _read;

    public int Read => Volatile.Read(ref _read);

    public override async Task<IReadOnlyList<Notification>> ListDueAsync(DateTimeOffset dueBy, Notification? after, int limit, CancellationToken ct = default)
    {
        var page = await base.ListDueAsync(dueBy, after, limit, ct);
        Interlocked.Add(ref _read, page.Count);
        return page;
    }
}

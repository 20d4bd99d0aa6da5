using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Trainer.Tests;

/// <summary>
/// The shared registry as a store that cannot take one user's models (their bytes outgrow what is left on its disk:
/// SQLite's "database or disk is full") while it takes everyone else's.
/// </summary>
sealed class RefusingRegistry(ITasteModelRegistry inner, string userId) : ITasteModelRegistry
{
    const int SqliteFull = 13;

    public Task<TasteModelVersion> RegisterAsync(TasteModelDraft draft, CancellationToken ct = default) =>
        draft.UserId == userId ? throw new SqliteException("SQLite Error 13: 'database or disk is full'.", SqliteFull) : inner.RegisterAsync(draft, ct);

    public Task<TasteModelVersion?> FindServingAsync(string userId, CancellationToken ct = default) => inner.FindServingAsync(userId, ct);

    public Task<byte[]> LoadBytesAsync(string userId, int version, CancellationToken ct = default) => inner.LoadBytesAsync(userId, version, ct);

    public Task<TasteModelVersion?> FindAsync(string userId, int version, CancellationToken ct = default) => inner.FindAsync(userId, version, ct);

    public Task<IReadOnlyList<TasteModelVersion>> ListAsync(string userId, CancellationToken ct = default) => inner.ListAsync(userId, ct);

    public Task PromoteAsync(string userId, int version, string reason, CancellationToken ct = default) => inner.PromoteAsync(userId, version, reason, ct);

    public Task<bool> PromoteIfServingAsync(string userId, int version, string reason, int? serving, CancellationToken ct = default) =>
        inner.PromoteIfServingAsync(userId, version, reason, serving, ct);

    public Task RejectAsync(string userId, int version, string reason, CancellationToken ct = default) => inner.RejectAsync(userId, version, reason, ct);
}

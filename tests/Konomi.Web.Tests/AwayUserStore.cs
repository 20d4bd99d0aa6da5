using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Web.Tests;

/// <summary>The real user store, except that while <see cref="Away"/> it fails as a SQLite file another writer holds locked does.</summary>
public sealed class AwayUserStore(IUserStore store) : IUserStore
{
    const int SqliteBusy = 5;

    public volatile bool Away;

    public Task UpsertAsync(UserProfile profile, CancellationToken ct = default) => Away ? throw Locked() : store.UpsertAsync(profile, ct);

    public Task<UserProfile?> FindAsync(string userId, CancellationToken ct = default) => Away ? throw Locked() : store.FindAsync(userId, ct);

    public Task<IReadOnlyList<UserProfile>> ListAsync(CancellationToken ct = default) => Away ? throw Locked() : store.ListAsync(ct);

    static SqliteException Locked() => new("SQLite Error 5: 'database is locked'.", SqliteBusy);
}

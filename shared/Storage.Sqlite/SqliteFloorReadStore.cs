using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteFloorReadStore(SqliteDatabase database) : IFloorReadStore
{
    const string Columns = "floor, read_at, error, unread_since";

    public async Task SaveAsync(FloorRead read, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            $"""
            INSERT INTO floor_reads ({Columns}) VALUES ($floor, $at, $error, $since)
            ON CONFLICT (floor) DO UPDATE SET read_at = excluded.read_at, error = excluded.error, unread_since = excluded.unread_since
            """,
            ct, ("$floor", read.Floor), ("$at", StoredTime.ToTicks(read.ReadAt)), ("$error", read.Error),
            ("$since", read.UnreadSince is { } since ? StoredTime.ToTicks(since) : null));
    }

    public async Task<FloorRead?> FindAsync(string floor, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync($"SELECT {Columns} FROM floor_reads WHERE floor = $floor", Read, ct, ("$floor", floor))).SingleOrDefault();
    }

    public async Task<IReadOnlyList<FloorRead>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync($"SELECT {Columns} FROM floor_reads ORDER BY floor", Read, ct);
    }

    static FloorRead Read(SqliteDataReader r) =>
        new(r.GetString(0), StoredTime.FromTicks(r.GetInt64(1)), r.GetNullableString(2), r.GetNullableInt64(3) is { } since ? StoredTime.FromTicks(since) : null);
}

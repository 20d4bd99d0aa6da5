using Konomi.Storage.Ports;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteKeyRingStore(SqliteDatabase database) : IKeyRingStore
{
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync("SELECT xml FROM key_ring ORDER BY rowid", r => r.GetString(0), ct);
    }

    public async Task AddAsync(string name, string xml, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync("INSERT INTO key_ring (name, xml) VALUES ($name, $xml)", ct, ("$name", name), ("$xml", xml));
    }

    public async Task<bool> AddFirstAsync(string name, string xml, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("INSERT INTO key_ring (name, xml) SELECT $name, $xml WHERE NOT EXISTS (SELECT 1 FROM key_ring)", ct,
            ("$name", name), ("$xml", xml)) == 1;
    }
}

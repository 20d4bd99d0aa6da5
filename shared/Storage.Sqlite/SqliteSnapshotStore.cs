using System.Text.Json;
using Konomi.Storage.Ports;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteSnapshotStore(SqliteDatabase database) : ISnapshotStore
{
    public async Task AddAsync(CrawlSnapshot snapshot, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        // (crawl run, floor) is the key: one snapshot per listing crawl, as the port promises, however often it is added.
        await connection.ExecuteAsync(
            """
            INSERT INTO snapshots (crawl_run_id, floor, crawled_at, work_ids) VALUES ($run, $floor, $at, $ids)
            ON CONFLICT (crawl_run_id, floor) DO NOTHING
            """,
            ct, ("$run", snapshot.CrawlRunId.ToString()), ("$floor", snapshot.Floor),
            ("$at", StoredTime.ToTicks(snapshot.CrawledAt)), ("$ids", JsonSerializer.Serialize(snapshot.WorkIds)));
    }

    public async Task<IReadOnlyList<CrawlSnapshot>> ListAsync(string? floor = null, int limit = 20, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            """
            SELECT crawl_run_id, crawled_at, floor, work_ids FROM snapshots
            WHERE $floor IS NULL OR floor = $floor ORDER BY crawled_at DESC, rowid DESC LIMIT $limit
            """,
            r => new CrawlSnapshot(Guid.Parse(r.GetString(0)), StoredTime.FromTicks(r.GetInt64(1)), r.GetString(2),
                JsonSerializer.Deserialize<List<string>>(r.GetString(3))!),
            ct, ("$floor", floor), ("$limit", limit));
    }
}

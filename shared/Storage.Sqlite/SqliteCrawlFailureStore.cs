using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteCrawlFailureStore(SqliteDatabase database) : ICrawlFailureStore
{
    const string Columns = "work_id, attempts, last_error, first_failed_at, last_failed_at";

    public async Task<CrawlFailure> RecordAsync(string workId, string error, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var recorded = await connection.QueryAsync(
            $"""
            INSERT INTO crawl_failures ({Columns}) VALUES ($work, 1, $error, $at, $at)
            ON CONFLICT (work_id) DO UPDATE SET attempts = attempts + 1, last_error = excluded.last_error, last_failed_at = excluded.last_failed_at
            RETURNING {Columns}
            """,
            Read, ct, ("$work", workId), ("$error", error), ("$at", StoredTime.ToTicks(at)));
        return recorded.Single();
    }

    public async Task<CrawlFailure?> FindAsync(string workId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var found = await connection.QueryAsync($"SELECT {Columns} FROM crawl_failures WHERE work_id = $work", Read, ct, ("$work", workId));
        return found.SingleOrDefault();
    }

    public async Task<IReadOnlyList<CrawlFailure>> ListAsync(int limit = 100, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync($"SELECT {Columns} FROM crawl_failures ORDER BY last_failed_at DESC, work_id LIMIT $limit",
            Read, ct, ("$limit", limit));
    }

    public async Task<bool> ForgetAsync(string workId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("DELETE FROM crawl_failures WHERE work_id = $work", ct, ("$work", workId)) > 0;
    }

    static CrawlFailure Read(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), r.GetString(2), StoredTime.FromTicks(r.GetInt64(3)), StoredTime.FromTicks(r.GetInt64(4)));
}

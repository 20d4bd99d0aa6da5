using System.Text.Json;
using Konomi.Contracts;
using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteWorkStore(SqliteDatabase database, TimeProvider clock) : IWorkStore
{
    private const string Insert = """
        INSERT INTO works (id, release_date, search, json, crawl_run_id, added_at, announced)
        VALUES ($id, $release, $search, $json, $run, $at, $announced)
        ON CONFLICT (id) DO NOTHING
        """;

    public async Task<bool> AddAsync(Work work, Guid crawlRunId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await InsertAsync(connection, work, crawlRunId, announced: false, ct);
    }

    public async Task<int> ImportAsync(IReadOnlyList<Work> works, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var added = 0;
        foreach (var work in works)
            added += await InsertAsync(connection, work, Guid.Empty, announced: true, ct) ? 1 : 0;
        await transaction.CommitAsync(ct);
        return added;
    }

    public async Task<IReadOnlyList<CrawledWork>> ListUnannouncedAsync(int limit = 500, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            "SELECT json, crawl_run_id FROM works WHERE announced = 0 ORDER BY added_at, rowid LIMIT $limit",
            r => new CrawledWork(Read(r), Guid.Parse(r.GetString(1))), ct, ("$limit", limit));
    }

    public async Task<IReadOnlyList<CrawledWork>> ListAnnouncedAsync(DateTimeOffset from, DateTimeOffset before, int limit = 1000, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            "SELECT json, crawl_run_id FROM works WHERE added_at >= $from AND added_at < $before AND announced = 1 AND crawl_run_id <> $imported ORDER BY added_at DESC, rowid DESC LIMIT $limit",
            r => new CrawledWork(Read(r), Guid.Parse(r.GetString(1))), ct,
            ("$from", from.UtcTicks), ("$before", before.UtcTicks), ("$imported", Guid.Empty.ToString()), ("$limit", limit));
    }

    public async Task MarkAnnouncedAsync(string workId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync("UPDATE works SET announced = 1 WHERE id = $id", ct, ("$id", workId));
    }

    public async Task<Work?> FindAsync(string workId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync("SELECT json FROM works WHERE id = $id", Read, ct, ("$id", workId));
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyDictionary<string, Work>> FindManyAsync(IEnumerable<string> workIds, CancellationToken ct = default)
    {
        var ids = workIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<string, Work>();
        await using var connection = await database.OpenAsync(ct);
        var works = await connection.QueryAsync(
            "SELECT json FROM works WHERE id IN (SELECT value FROM json_each($ids))", Read, ct, ("$ids", JsonSerializer.Serialize(ids)));
        return works.ToDictionary(w => w.Id);
    }

    public async Task<IReadOnlySet<string>> FindKnownAsync(IEnumerable<string> workIds, CancellationToken ct = default)
    {
        var ids = workIds.Distinct().ToList();
        if (ids.Count == 0) return new HashSet<string>();
        await using var connection = await database.OpenAsync(ct);
        // json_each keeps it one parameter however many ids a listing page holds.
        var known = await connection.QueryAsync(
            "SELECT id FROM works WHERE id IN (SELECT value FROM json_each($ids))",
            r => r.GetString(0), ct, ("$ids", JsonSerializer.Serialize(ids)));
        return known.ToHashSet();
    }

    public async Task<IReadOnlyList<Work>> ListAsync(string? text = null, int limit = 100, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            """
            SELECT json FROM works
            WHERE $text IS NULL OR instr(search, $text) > 0
            ORDER BY release_date IS NULL, release_date DESC, id DESC LIMIT $limit
            """,
            Read, ct, ("$text", string.IsNullOrWhiteSpace(text) ? null : WorkSearch.Normalize(text)), ("$limit", limit));
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Command("SELECT count(*) FROM works");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<bool> InsertAsync(SqliteConnection connection, Work work, Guid crawlRunId, bool announced, CancellationToken ct) =>
        await connection.ExecuteAsync(Insert, ct,
            ("$id", work.Id),
            ("$release", work.ReleaseDate?.ToString("yyyy-MM-dd")),
            ("$search", WorkSearch.Text(work)),
            ("$json", JsonSerializer.Serialize(work, KonomiJson.Options)),
            ("$run", crawlRunId.ToString()),
            ("$at", clock.GetUtcNow().UtcTicks),
            ("$announced", announced)) == 1;

    private static Work Read(SqliteDataReader reader) =>
        JsonSerializer.Deserialize<Work>(reader.GetString(0), KonomiJson.Options)!;
}

using Konomi.Contracts;
using System.Text.Json;
using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteTasteModelRegistry(SqliteDatabase database, TimeProvider clock) : ITasteModelRegistry
{
    private const string Columns = "user_id, version, family, status, metrics, created_at, status_reason";

    public async Task<TasteModelVersion> RegisterAsync(TasteModelDraft draft, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Numbering and insert share the write lock, so two trainers never get the same version.
        var rows = await connection.QueryAsync(
            $"""
            INSERT INTO taste_models (user_id, version, family, status, metrics, created_at, status_reason, bytes)
            SELECT $user, coalesce(max(version), 0) + 1, $family, $status, $metrics, $created, NULL, $bytes
            FROM taste_models WHERE user_id = $user
            RETURNING {Columns}
            """,
            Read, ct, ("$user", draft.UserId), ("$family", draft.Family), ("$status", TasteModelStatus.Candidate.ToString()),
            ("$metrics", JsonSerializer.Serialize(draft.Metrics, KonomiJson.Options)),
            ("$created", StoredTime.ToTicks(clock.GetUtcNow())), ("$bytes", draft.Bytes));
        await transaction.CommitAsync(ct);
        return rows.Single();
    }

    public async Task<TasteModelVersion?> FindServingAsync(string userId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync(
            $"SELECT {Columns} FROM taste_models WHERE user_id = $user AND status = 'Serving' ORDER BY version DESC LIMIT 1",
            Read, ct, ("$user", userId));
        return rows.SingleOrDefault();
    }

    public async Task<TasteModelVersion?> FindAsync(string userId, int version, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync($"SELECT {Columns} FROM taste_models WHERE user_id = $user AND version = $version",
            Read, ct, ("$user", userId), ("$version", version));
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<TasteModelVersion>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync($"SELECT {Columns} FROM taste_models WHERE user_id = $user ORDER BY version DESC",
            Read, ct, ("$user", userId));
    }

    public async Task<byte[]> LoadBytesAsync(string userId, int version, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync("SELECT bytes FROM taste_models WHERE user_id = $user AND version = $version",
            r => (byte[])r.GetValue(0), ct, ("$user", userId), ("$version", version));
        return rows.SingleOrDefault() ?? throw new TasteModelNotFoundException(userId, version);
    }

    public Task PromoteAsync(string userId, int version, string reason, CancellationToken ct = default) =>
        PromoteAsync(userId, version, reason, onlyIf: false, serving: null, ct);

    public Task<bool> PromoteIfServingAsync(string userId, int version, string reason, int? serving, CancellationToken ct = default) =>
        PromoteAsync(userId, version, reason, onlyIf: true, serving, ct);

    // The read and the writes in one transaction, begun IMMEDIATE (the provider's default): no other writer between them.
    private async Task<bool> PromoteAsync(string userId, int version, string reason, bool onlyIf, int? serving, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (onlyIf)
        {
            var now = await connection.QueryAsync("SELECT version FROM taste_models WHERE user_id = $user AND status = 'Serving'",
                r => (int?)r.GetInt32(0), ct, ("$user", userId));
            if (now.SingleOrDefault() != serving)
                return false;
        }
        if (await SetStatusAsync(connection, userId, version, TasteModelStatus.Serving, reason, ct) == 0)
            throw new TasteModelNotFoundException(userId, version);
        await connection.ExecuteAsync(
            "UPDATE taste_models SET status = 'Retired' WHERE user_id = $user AND status = 'Serving' AND version <> $version",
            ct, ("$user", userId), ("$version", version));
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task RejectAsync(string userId, int version, string reason, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        if (await SetStatusAsync(connection, userId, version, TasteModelStatus.Rejected, reason, ct) == 0)
            throw new TasteModelNotFoundException(userId, version);
    }

    private static Task<int> SetStatusAsync(SqliteConnection connection, string userId, int version, TasteModelStatus status, string reason, CancellationToken ct) =>
        connection.ExecuteAsync(
            "UPDATE taste_models SET status = $status, status_reason = $reason WHERE user_id = $user AND version = $version",
            ct, ("$status", status.ToString()), ("$reason", reason), ("$user", userId), ("$version", version));

    private static TasteModelVersion Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetString(2), Enum.Parse<TasteModelStatus>(r.GetString(3)),
        JsonSerializer.Deserialize<ModelMetrics>(r.GetString(4), KonomiJson.Options)!,
        StoredTime.FromTicks(r.GetInt64(5)), r.GetNullableString(6));
}

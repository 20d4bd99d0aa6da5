using Konomi.Contracts;
using System.Text.Json;
using Konomi.Storage.Ports;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    public async Task UpsertAsync(UserProfile profile, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO users (user_id, profile) VALUES ($id, $profile) ON CONFLICT (user_id) DO UPDATE SET profile = excluded.profile",
            ct, ("$id", profile.UserId), ("$profile", JsonSerializer.Serialize(profile, KonomiJson.Options)));
    }

    public async Task<UserProfile?> FindAsync(string userId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync("SELECT profile FROM users WHERE user_id = $id", Read, ct, ("$id", userId));
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<UserProfile>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync("SELECT profile FROM users ORDER BY user_id", Read, ct);
    }

    private static UserProfile Read(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        JsonSerializer.Deserialize<UserProfile>(r.GetString(0), KonomiJson.Options)!;
}

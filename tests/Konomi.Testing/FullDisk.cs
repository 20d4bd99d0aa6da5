using Microsoft.Data.Sqlite;

namespace Konomi.Testing;

/// <summary>
/// konomi.db filled from outside, as another program fills a disk, up to the cap a host was given with
/// <c>Storage:MaxSizeMb</c> (SQLite's <c>max_page_count</c>): from then on a write that needs one more page fails with
/// SQLITE_FULL, as on a full disk. A write that still fits in a page it touches goes through, as a commit into a
/// write-ahead log that need not grow does on a full disk; for the tables named <c>growing</c> every insert needs room
/// (a trigger adds a page's worth to the filling), so the test knows which writes the full store refuses.
/// <see cref="FreeAsync"/> deletes what filled it, as an operator frees space.
/// </summary>
public sealed class FullDisk : IAsyncDisposable
{
    readonly SqliteConnection _connection;
    readonly IReadOnlyList<string> _growing;

    FullDisk(SqliteConnection connection, IReadOnlyList<string> growing) => (_connection, _growing) = (connection, growing);

    public static async Task<FullDisk> FillAsync(string file, int maxSizeMb, params string[] growing)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        var disk = new FullDisk(connection, growing);
        var pageSize = (long)(await disk.ScalarAsync("PRAGMA page_size"))!;
        await disk.RunAsync($"PRAGMA max_page_count = {maxSizeMb * 1024L * 1024L / pageSize}; CREATE TABLE filling (b BLOB)");
        foreach (var table in growing)
            await disk.RunAsync($"CREATE TRIGGER filling_{table} AFTER INSERT ON {table} BEGIN INSERT INTO filling VALUES (randomblob({pageSize})); END");
        // Large rows first, then smaller ones, until not one more byte fits.
        foreach (var size in new[] { 3000, 1000, 300, 100, 30, 10, 1 })
            try
            {
                while (true) await disk.RunAsync($"INSERT INTO filling VALUES (randomblob({size}))");
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 13)
            {
            }
        return disk;
    }

    /// <summary>What an operator does once told: deletes what filled the disk.</summary>
    public async Task FreeAsync()
    {
        foreach (var table in _growing)
            await RunAsync($"DROP TRIGGER filling_{table}");
        await RunAsync("DROP TABLE filling");
    }

    async Task RunAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    async Task<object?> ScalarAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

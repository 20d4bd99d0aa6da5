using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Konomi.Storage.Sqlite;

/// <summary>
/// The file <c>konomi.db</c> in <c>Storage:DataDirectory</c>. The first connection creates the folder, turns
/// on WAL (readers never block the writer) and creates the schema; later ones just open. With
/// <c>Storage:MaxSizeMb</c> set, every connection caps the file there (<c>PRAGMA max_page_count</c>, which SQLite
/// keeps per connection): a write past it fails as on a full disk, SQLITE_FULL, and waits as one does (<see cref="SqliteOutage"/>).
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "konomi.db";

    private readonly OnceUntilDone _schema;

    /// <summary><see cref="MaxSizeMb"/> in pages of this file's page size; set with the schema.</summary>
    private long? _maxPages;

    public SqliteDatabase(IOptions<StorageOptions> options)
    {
        var directory = options.Value.ExpandedDataDirectory();
        FilePath = Path.Combine(directory, FileName);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        MaxSizeMb = options.Value.MaxSizeMb;
        _schema = new OnceUntilDone(() => CreateSchemaAsync(directory));
    }

    /// <summary><c>Storage:MaxSizeMb</c>: the size konomi.db may grow to, or null for as large as the disk allows.</summary>
    public int? MaxSizeMb { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        await _schema.WaitAsync(ct);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        if (_maxPages is { } pages)
        {
            // A pooled connection keeps it, but one the pool opened anew has SQLite's default (no cap).
            try
            {
                await connection.ExecuteAsync($"PRAGMA max_page_count = {pages}", ct);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        return connection;
    }

    private async Task CreateSchemaAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;", CancellationToken.None);
        await connection.ExecuteAsync(SqliteSchema.Statements, CancellationToken.None);
        foreach (var (table, column, type) in SqliteSchema.AddedColumns)
        {
            var present = await connection.QueryAsync($"SELECT 1 FROM pragma_table_info('{table}') WHERE name = $column",
                r => r.GetInt64(0), CancellationToken.None, ("$column", column));
            if (present.Count == 0)
                await connection.ExecuteAsync($"ALTER TABLE {table} ADD COLUMN {column} {type}", CancellationToken.None);
        }
        if (MaxSizeMb is { } megabytes)
        {
            var pageSize = (await connection.QueryAsync("PRAGMA page_size", r => r.GetInt64(0), CancellationToken.None))[0];
            _maxPages = megabytes * 1024L * 1024L / pageSize;
        }
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Konomi.Storage.Sqlite;

/// <summary>
/// The file <c>konomi.db</c> in <c>Storage:DataDirectory</c>. The first connection creates the folder, turns
/// on WAL (readers never block the writer) and creates the schema; later ones just open.
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "konomi.db";

    private readonly OnceUntilDone _schema;

    public SqliteDatabase(IOptions<StorageOptions> options)
    {
        var directory = options.Value.ExpandedDataDirectory();
        FilePath = Path.Combine(directory, FileName);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        _schema = new OnceUntilDone(() => CreateSchemaAsync(directory));
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        await _schema.WaitAsync(ct);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
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
    }
}

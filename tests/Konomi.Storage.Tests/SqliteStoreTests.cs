using Konomi.Storage.Sqlite;
using Konomi.Testing;
using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Tests;

public sealed class SqliteStoreTests : StoreContract
{
    protected override TestStore CreateStore(TimeProvider? clock = null) => TestStore.Sqlite(TestStore.WithClock(clock));

    /// <summary>A trigger that aborts every write to <c>labels</c> until it is dropped: the database itself refuses.</summary>
    protected override async Task<IAsyncDisposable> BreakLabelWritesAsync()
    {
        var database = Get<SqliteDatabase>();
        await using (var connection = await database.OpenAsync(Ct))
            await connection.ExecuteAsync("""
                CREATE TRIGGER injected_label_insert_fault BEFORE INSERT ON labels BEGIN SELECT RAISE(ABORT, 'injected fault'); END;
                CREATE TRIGGER injected_label_update_fault BEFORE UPDATE ON labels BEGIN SELECT RAISE(ABORT, 'injected fault'); END;
                """, Ct);
        return new Repair(database);
    }

    sealed class Repair(SqliteDatabase database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync("DROP TRIGGER injected_label_insert_fault; DROP TRIGGER injected_label_update_fault;", CancellationToken.None);
        }
    }
}

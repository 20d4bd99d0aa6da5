using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Sqlite;

/// <summary>A busy or locked file (another process writing, a checkpoint) clears once the other writer is done.</summary>
public sealed class SqliteOutage : StoreOutage
{
    const int SqliteBusy = 5, SqliteLocked = 6;

    protected override bool? Classify(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } ? true : null;
}

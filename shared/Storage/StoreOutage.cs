using Microsoft.Data.Sqlite;
using MongoDB.Driver;

namespace Konomi.Storage;

/// <summary>
/// Which store exceptions mean "the store is away for now" (a failover, a restart, a locked file) rather than
/// "this message cannot be handled": the bus retries the former for minutes, the latter only briefly.
/// </summary>
public static class StoreOutage
{
    const int SqliteBusy = 5, SqliteLocked = 6;

    public static bool IsTransient(Exception exception) => exception switch
    {
        MongoAuthenticationException => false,
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException
            or MongoExecutionTimeoutException or MongoWaitQueueFullException => true,
        // Server selection gives up with a plain TimeoutException while no server answers.
        TimeoutException => true,
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Konomi.Storage.Sqlite;

/// <summary>
/// Which SQLite failures are the store away rather than a message it cannot take (https://www.sqlite.org/rescode.html).
/// A busy or locked file (another process writing, a checkpoint) clears once the other writer is done. A full disk
/// (SQLITE_FULL, also <c>Storage:MaxSizeMb</c> reached), a read-only file (SQLITE_READONLY: a disk remounted read-only,
/// permissions changed under the run) and a disk I/O error (SQLITE_IOERR: an unplugged or failing disk, a network mount
/// gone) clear once an operator frees space or mends the disk: nothing about the message is wrong, so it waits for the
/// store instead of failing for good (faulted on the in-memory bus of <c>konomi run</c>, it would be lost). Those three
/// are told in one line naming the data directory, once, then again every <see cref="TellEvery"/> while they last.
/// </summary>
public sealed partial class SqliteOutage(SqliteDatabase? database = null, ILogger<SqliteOutage>? logger = null, TimeProvider? time = null) : StoreOutage
{
    const int SqliteReadOnly = 8, SqliteBusy = 5, SqliteLocked = 6, SqliteIoError = 10, SqliteFull = 13;

    /// <summary>How often a store that stays unwritable is told again: often enough to be seen, never a line per message.</summary>
    public static readonly TimeSpan TellEvery = TimeSpan.FromMinutes(10);

    readonly ILogger _logger = logger ?? NullLogger<SqliteOutage>.Instance;
    readonly TimeProvider _time = time ?? TimeProvider.System;
    readonly Lock _told = new();
    DateTimeOffset? _lastTold;

    protected override bool? Classify(Exception exception)
    {
        if (exception is not SqliteException e) return null;
        switch (e.SqliteErrorCode)
        {
            case SqliteBusy or SqliteLocked:
                return true;
            case var _ when Told(e):
                Tell(e);
                return true;
            default:
                return false;
        }
    }

    protected override bool Tells(Exception exception) => exception is SqliteException e && Told(e);

    /// <summary>A full, read-only or failing disk: away until an operator acts, so told in a line of its own.</summary>
    static bool Told(SqliteException e) => e.SqliteErrorCode is SqliteFull or SqliteReadOnly or SqliteIoError;

    void Tell(SqliteException e)
    {
        var now = _time.GetUtcNow();
        lock (_told)
        {
            if (_lastTold is { } last && now - last < TellEvery) return;
            _lastTold = now;
        }
        var directory = database is null ? "the data directory" : Path.GetDirectoryName(database.FilePath)!;
        var cause = e.SqliteErrorCode switch
        {
            SqliteFull => database?.MaxSizeMb is { } cap
                ? $"the disk holding {directory} is full, or konomi.db reached Storage:MaxSizeMb ({cap} MB)"
                : $"the disk holding {directory} is full",
            SqliteReadOnly => $"konomi.db in {directory} is read-only (a disk remounted read-only, or its owner or permissions changed)",
            _ => $"the disk holding {directory} fails to read or write (an unplugged or failing disk, a mount gone)",
        };
        LogCannotWrite(_logger, cause);
    }

    [LoggerMessage(1, LogLevel.Warning, "The store cannot be written: {Cause}. Nothing is lost: what arrives waits, and Konomi carries on by itself once it can write again")]
    static partial void LogCannotWrite(ILogger logger, string cause);
}

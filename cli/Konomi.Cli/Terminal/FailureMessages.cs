using Konomi.Cli;
using Konomi.Settings;
using Microsoft.Data.Sqlite;

namespace Konomi.Cli.Terminal;

/// <summary>The one line a person reads when a command fails: what went wrong and, where known, what to do.</summary>
public static class FailureMessages
{
    /// <summary>Set <c>KONOMI_TRACE=1</c> to get the stack trace of an unexpected failure (for a bug report).</summary>
    public const string TraceVariable = "KONOMI_TRACE";

    public static string Describe(Exception exception) => exception switch
    {
        CliException e => e.Message,
        // The words every service host uses too (shared/Settings).
        _ when SettingFailures.Describe(exception) is { } setting => "configuration: " + setting,
        AggregateException e => string.Join("; ", e.InnerExceptions.Select(Describe).Distinct()),
        IOException e when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            $"{e.Message.TrimEnd('.')}: another program (another konomi?) listens there; stop it or choose a port with `konomi run --port N`.",
        // SQLite's own codes say which of the usual causes it is (https://www.sqlite.org/rescode.html).
        SqliteException { SqliteErrorCode: 8 } => "the store is read-only for you: konomi.db or its folder cannot be written (check their owner and permissions, or --data-dir).",
        SqliteException { SqliteErrorCode: 13 } => "the store is full: the disk holding konomi.db has no space left, or konomi.db reached Storage:MaxSizeMb; free space (konomi prune, or other files) or raise the cap, then run the command again.",
        SqliteException { SqliteErrorCode: 10 } e => $"the store's disk fails to read or write ({e.Message}): check the disk or mount holding konomi.db (--data-dir).",
        SqliteException { SqliteErrorCode: 14 } => "the store cannot be opened: its folder or konomi.db cannot be read or created by you (check --data-dir, owner and permissions).",
        SqliteException { SqliteErrorCode: 5 or 6 } e => $"the store is busy ({e.Message}): another program holds konomi.db locked; try again once it is done.",
        SqliteException e => $"the store could not be opened or written ({e.Message}); check --data-dir.",
        UnauthorizedAccessException or IOException => exception.Message,
        _ => Environment.GetEnvironmentVariable(TraceVariable) == "1"
            ? exception.ToString()
            : $"{OneLineFormatter.Messages(exception)} (set {TraceVariable}=1 for the stack trace)",
    };
}

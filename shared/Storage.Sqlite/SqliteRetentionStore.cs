using Konomi.Storage.Ports;

namespace Konomi.Storage.Sqlite;

/// <summary>
/// Each kind is one DELETE. Freed pages are reused by later writes, so the file stops growing; it does not
/// shrink without a VACUUM, which an operator may run in a quiet hour.
/// </summary>
public sealed class SqliteRetentionStore(SqliteDatabase database) : IRetentionStore
{
    public async Task<RetentionResult> PruneAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var scores = await connection.ExecuteAsync(
            "DELETE FROM scores WHERE work_id IN (SELECT id FROM works WHERE added_at < $cutoff)",
            ct, ("$cutoff", Cutoff(now, policy.ScoresFor)));
        var snapshots = await connection.ExecuteAsync(
            "DELETE FROM snapshots WHERE crawled_at < $cutoff", ct, ("$cutoff", Cutoff(now, policy.SnapshotsFor)));
        // The click a current label came from has the label's time; it stays, so the label keeps its source.
        var clicks = await connection.ExecuteAsync(
            """
            DELETE FROM clicks WHERE at < $cutoff AND NOT EXISTS (
                SELECT 1 FROM labels l WHERE l.user_id = clicks.user_id AND l.work_id = clicks.work_id AND l.labeled_at = clicks.at)
            """,
            ct, ("$cutoff", Cutoff(now, policy.ClicksFor)));
        // A user's newest version stays whatever its status: the next one is numbered after it, and a number used
        // again would name two models (in scores, the gate's reasons, a rollback).
        var versions = await connection.ExecuteAsync(
            """
            DELETE FROM taste_models WHERE status IN ('Retired', 'Rejected') AND (
                SELECT count(*) FROM taste_models newer
                WHERE newer.user_id = taste_models.user_id AND newer.status IN ('Retired', 'Rejected') AND newer.version > taste_models.version
            ) >= $keep AND EXISTS (
                SELECT 1 FROM taste_models later WHERE later.user_id = taste_models.user_id AND later.version > taste_models.version)
            """,
            ct, ("$keep", policy.KeepModelVersions));
        var failures = await connection.ExecuteAsync(
            "DELETE FROM crawl_failures WHERE last_failed_at < $cutoff", ct, ("$cutoff", Cutoff(now, policy.SnapshotsFor)));
        return new RetentionResult(scores, snapshots, clicks, versions, failures);
    }

    private static long Cutoff(DateTimeOffset now, TimeSpan age) => StoredTime.ToTicks(now - age);
}

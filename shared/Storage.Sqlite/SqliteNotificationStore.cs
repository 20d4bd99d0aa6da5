using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteNotificationStore(SqliteDatabase database, TimeProvider clock) : INotificationStore
{
    private const string Columns = """
        work_id, target, user_id, crawl_run_id, status, attempts, created_at, hold_until,
        channel, message_ts, error, lease_owner, lease_until, exploration_probability, heading
        """;

    public async Task<bool> TryCreateAsync(Notification notification, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            $"""
            INSERT INTO notifications ({Columns})
            VALUES ($work, $target, $user, $run, $status, $attempts, $created, $hold, $channel, $ts, $error, $owner, $until, $explore, $heading)
            ON CONFLICT (work_id, target) DO NOTHING
            """,
            ct, ("$work", notification.WorkId), ("$target", notification.Target), ("$user", notification.UserId),
            ("$run", notification.CrawlRunId.ToString()), ("$status", notification.Status.ToString()),
            ("$attempts", notification.Attempts), ("$created", StoredTime.ToTicks(notification.CreatedAt)),
            ("$hold", notification.HoldUntil is { } hold ? StoredTime.ToTicks(hold) : null),
            ("$channel", notification.Channel), ("$ts", notification.MessageTs), ("$error", notification.Error),
            ("$owner", notification.LeaseOwner),
            ("$until", notification.LeaseUntil is { } until ? StoredTime.ToTicks(until) : null),
            ("$explore", notification.ExplorationProbability), ("$heading", notification.Heading)) == 1;
    }

    public async Task<Notification?> TryLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        // One conditional UPDATE: of two owners racing, only the first sees the lease free.
        var rows = await connection.QueryAsync(
            $"""
            UPDATE notifications SET lease_owner = $owner, lease_until = $until, attempts = attempts + 1
            WHERE work_id = $work AND target = $target AND status = 'Pending'
              AND (lease_until IS NULL OR lease_until <= $now)
            RETURNING {Columns}
            """,
            Read, ct, ("$owner", owner), ("$until", StoredTime.ToTicks(leaseUntil)), ("$work", workId), ("$target", target),
            ("$now", StoredTime.ToTicks(clock.GetUtcNow())));
        return rows.SingleOrDefault();
    }

    public async Task<bool> RenewLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            """
            UPDATE notifications SET lease_until = $until
            WHERE work_id = $work AND target = $target AND status = 'Pending' AND lease_owner = $owner
            """,
            ct, ("$until", StoredTime.ToTicks(leaseUntil)), ("$work", workId), ("$target", target), ("$owner", owner)) == 1;
    }

    public async Task<bool> MarkSentAsync(string workId, string target, string owner, string channel, string messageTs, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            """
            UPDATE notifications SET status = 'Sent', channel = $channel, message_ts = $ts, error = NULL,
                lease_owner = NULL, lease_until = NULL
            WHERE work_id = $work AND target = $target AND status = 'Pending' AND lease_owner = $owner
            """,
            ct, ("$channel", channel), ("$ts", messageTs), ("$work", workId), ("$target", target), ("$owner", owner)) == 1;
    }

    public async Task<bool> SetHeadingAsync(string workId, string target, string owner, string heading, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            """
            UPDATE notifications SET heading = $heading
            WHERE work_id = $work AND target = $target AND status = 'Pending' AND lease_owner = $owner
            """,
            ct, ("$heading", heading), ("$work", workId), ("$target", target), ("$owner", owner)) == 1;
    }

    public async Task<bool> MarkFailedAsync(string workId, string target, string owner, string error, DateTimeOffset? retryAt, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            """
            UPDATE notifications SET status = $status, error = $error, lease_owner = NULL, lease_until = NULL,
                hold_until = coalesce($retry, hold_until)
            WHERE work_id = $work AND target = $target AND status = 'Pending' AND lease_owner = $owner
            """,
            ct, ("$status", (retryAt is null ? NotificationStatus.Failed : NotificationStatus.Pending).ToString()), ("$error", error),
            ("$retry", retryAt is { } retry ? StoredTime.ToTicks(retry) : null),
            ("$work", workId), ("$target", target), ("$owner", owner)) == 1;
    }

    public async Task<bool> TryReopenAsync(Notification seen, Notification reopened, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            """
            UPDATE notifications SET user_id = $user, crawl_run_id = $run, status = $status, attempts = $attempts,
                created_at = $created, hold_until = $hold, error = $error, exploration_probability = $explore,
                heading = $heading, channel = NULL, message_ts = NULL
            WHERE work_id = $work AND target = $target AND status = $seenStatus AND status <> 'Sent'
              AND user_id = $seenUser AND attempts = $seenAttempts AND lease_owner IS NULL
            """,
            ct, ("$user", reopened.UserId), ("$run", reopened.CrawlRunId.ToString()), ("$status", reopened.Status.ToString()),
            ("$attempts", reopened.Attempts), ("$created", StoredTime.ToTicks(reopened.CreatedAt)),
            ("$hold", reopened.HoldUntil is { } hold ? StoredTime.ToTicks(hold) : null), ("$error", reopened.Error),
            ("$explore", reopened.ExplorationProbability), ("$heading", reopened.Heading), ("$work", seen.WorkId), ("$target", seen.Target),
            ("$seenStatus", seen.Status.ToString()), ("$seenUser", seen.UserId), ("$seenAttempts", seen.Attempts)) == 1;
    }

    public async Task<Notification?> FindAsync(string workId, string target, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync($"SELECT {Columns} FROM notifications WHERE work_id = $work AND target = $target",
            Read, ct, ("$work", workId), ("$target", target));
        return rows.SingleOrDefault();
    }

    public async Task<Notification?> FindByMessageAsync(string channel, string messageTs, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync($"SELECT {Columns} FROM notifications WHERE channel = $channel AND message_ts = $ts",
            Read, ct, ("$channel", channel), ("$ts", messageTs));
        return rows.FirstOrDefault();
    }

    public async Task<long> CountAsync(NotificationStatus status, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        // Counted on the (status, created_at) index.
        return (await connection.QueryAsync("SELECT COUNT(*) FROM notifications WHERE status = $status",
            r => r.GetInt64(0), ct, ("$status", status.ToString())))[0];
    }

    public async Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status = null, int limit = 100, string? userId = null, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            $"""
            SELECT {Columns} FROM notifications
            WHERE ($status IS NULL OR status = $status) AND ($user IS NULL OR user_id = $user)
            ORDER BY created_at DESC, work_id, target LIMIT $limit
            """,
            Read, ct, ("$status", status?.ToString()), ("$user", userId), ("$limit", limit));
    }

    public async Task<IReadOnlyList<Notification>> ListDueAsync(DateTimeOffset dueBy, Notification? after, int limit, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        // The due time spelled as the notifications_due index spells it, so each page is a range of that index, from the
        // previous page's due time to the first entry not due yet: SQLite does not seek by a row-value comparison whose
        // first term is an expression, so that term is also given alone.
        const string Due = "coalesce(hold_until, created_at)";
        var keyset = after is null ? "" : $"AND {Due} >= $due AND ({Due}, created_at, work_id, target) > ($due, $created, $work, $target)";
        return await connection.QueryAsync(
            $"""
            SELECT {Columns} FROM notifications
            WHERE status = 'Pending' AND {Due} <= $dueBy {keyset}
            ORDER BY {Due}, created_at, work_id, target LIMIT $limit
            """,
            Read, ct, ("$dueBy", StoredTime.ToTicks(dueBy)), ("$due", after is null ? null : StoredTime.ToTicks(after.DueAt)),
            ("$created", after is null ? null : StoredTime.ToTicks(after.CreatedAt)), ("$work", after?.WorkId),
            ("$target", after?.Target), ("$limit", limit));
    }

    public async Task<IReadOnlyList<Notification>> ListRunAsync(string userId, Guid crawlRunId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            $"SELECT {Columns} FROM notifications WHERE user_id = $user AND crawl_run_id = $run ORDER BY created_at, work_id, target",
            Read, ct, ("$user", userId), ("$run", crawlRunId.ToString()));
    }

    public async Task<IReadOnlyList<string>> ListWorkIdsAsync(string userId, NotificationStatus status, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            "SELECT DISTINCT work_id FROM notifications WHERE user_id = $user AND status = $status ORDER BY work_id",
            r => r.GetString(0), ct, ("$user", userId), ("$status", status.ToString()));
    }

    private static Notification Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Guid.Parse(r.GetString(3)), Enum.Parse<NotificationStatus>(r.GetString(4)),
        r.GetInt32(5), StoredTime.FromTicks(r.GetInt64(6)),
        r.GetNullableInt64(7) is { } hold ? StoredTime.FromTicks(hold) : null,
        r.GetNullableString(8), r.GetNullableString(9), r.GetNullableString(10), r.GetNullableString(11),
        r.GetNullableInt64(12) is { } until ? StoredTime.FromTicks(until) : null,
        r.IsDBNull(13) ? null : r.GetDouble(13), r.GetNullableString(14));
}

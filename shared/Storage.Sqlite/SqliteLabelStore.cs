using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Sqlite;

/// <summary>
/// A click and its effect on the current label are one IMMEDIATE transaction, so concurrent writers
/// serialise on the file lock and every click lands in the history. A click's pending follow-up is a row
/// of <c>follow_ups</c> written in the same transaction and deleted when done; a worker claims it by setting its
/// lease in one UPDATE, which holds the write lock from start to end, so of two workers only one gets a row.
/// </summary>
public sealed class SqliteLabelStore(SqliteDatabase database, TimeProvider clock) : ILabelStore
{
    private const string InsertClick = """
        INSERT INTO clicks (click_id, user_id, work_id, interested, at, source)
        VALUES ($id, $user, $work, $interested, $at, $source)
        ON CONFLICT (click_id) DO NOTHING
        """;

    // An older click arriving late is history only: the current label keeps the newest time.
    private const string UpsertLabel = """
        INSERT INTO labels (user_id, work_id, interested, labeled_at, source)
        VALUES ($user, $work, $interested, $at, $source)
        ON CONFLICT (user_id, work_id) DO UPDATE
        SET interested = excluded.interested, labeled_at = excluded.labeled_at, source = excluded.source
        WHERE excluded.labeled_at >= labels.labeled_at
        """;

    private const string LabelColumns = "SELECT user_id, work_id, interested, labeled_at, source FROM labels";

    public async Task<ClickOutcome> RecordAsync(Click click, CancellationToken ct = default) =>
        await ImportAsync([click], ct) == 1 ? ClickOutcome.Recorded : ClickOutcome.Duplicate;

    public async Task<ClickOutcome> RecordAsync(Click click, string followUp, CancellationToken ct = default) =>
        await RecordAllAsync([click], followUp, ct) == 1 ? ClickOutcome.Recorded : ClickOutcome.Duplicate;

    public Task<int> ImportAsync(IReadOnlyList<Click> clicks, CancellationToken ct = default) => RecordAllAsync(clicks, null, ct);

    public async Task<IReadOnlyList<PendingFollowUp>> ListPendingFollowUpsAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync("SELECT click_id, follow_up FROM follow_ups ORDER BY at, click_id",
            r => new PendingFollowUp(r.GetString(0), r.GetString(1)), ct);
    }

    public async Task<FollowUpClaim> ClaimFollowUpsAsync(string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var (mine, now) = (("$owner", (object?)owner), ("$now", (object?)StoredTime.ToTicks(clock.GetUtcNow())));
        var claimed = await connection.QueryAsync(
            """
            UPDATE follow_ups SET lease_owner = $owner, lease_until = $until
            WHERE (lease_until IS NULL OR lease_until <= $now OR lease_owner = $owner)
              AND NOT EXISTS (
                SELECT 1 FROM clicks mine
                JOIN clicks pair ON pair.user_id = mine.user_id AND pair.work_id = mine.work_id
                JOIN follow_ups held ON held.click_id = pair.click_id
                WHERE mine.click_id = follow_ups.click_id AND held.lease_owner <> $owner AND held.lease_until > $now)
            RETURNING click_id, follow_up, at
            """,
            r => (FollowUp: new PendingFollowUp(r.GetString(0), r.GetString(1)), At: r.GetInt64(2)), ct,
            mine, now, ("$until", StoredTime.ToTicks(leaseUntil)));
        var heldElsewhere = await connection.QueryAsync(
            "SELECT MIN(lease_until) FROM follow_ups WHERE lease_owner <> $owner AND lease_until > $now",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : StoredTime.FromTicks(r.GetInt64(0)), ct, mine, now);
        return new FollowUpClaim(
            [.. claimed.OrderBy(c => c.At).ThenBy(c => c.FollowUp.ClickId, StringComparer.Ordinal).Select(c => c.FollowUp)], heldElsewhere.Single());
    }

    public async Task<bool> RenewFollowUpAsync(string clickId, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("UPDATE follow_ups SET lease_until = $until WHERE click_id = $id AND lease_owner = $owner", ct,
            ("$until", StoredTime.ToTicks(leaseUntil)), ("$id", clickId), ("$owner", owner)) == 1;
    }

    public async Task<bool> CompleteFollowUpAsync(string clickId, string owner, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("DELETE FROM follow_ups WHERE click_id = $id AND lease_owner = $owner", ct,
            ("$id", clickId), ("$owner", owner)) == 1;
    }

    public async Task<int> ReleaseFollowUpsAsync(string owner, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("UPDATE follow_ups SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $owner", ct, ("$owner", owner));
    }

    private async Task<int> RecordAllAsync(IReadOnlyList<Click> clicks, string? followUp, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var recorded = 0;
        foreach (var click in clicks)
        {
            (string, object?)[] values =
            [
                ("$id", click.ClickId), ("$user", click.UserId), ("$work", click.WorkId),
                ("$interested", click.Interested), ("$at", StoredTime.ToTicks(click.At)), ("$source", click.Source),
            ];
            if (await connection.ExecuteAsync(InsertClick, ct, values) == 0) continue;
            await connection.ExecuteAsync(UpsertLabel, ct, values);
            if (followUp is not null)
                await connection.ExecuteAsync("INSERT INTO follow_ups (click_id, at, follow_up) VALUES ($id, $at, $follow_up)", ct,
                    [.. values, ("$follow_up", followUp)]);
            recorded++;
        }
        await transaction.CommitAsync(ct);
        return recorded;
    }

    public async Task<Label?> FindAsync(string userId, string workId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync($"{LabelColumns} WHERE user_id = $user AND work_id = $work",
            ReadLabel, ct, ("$user", userId), ("$work", workId));
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<Label>> ListAsync(string? userId = null, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            $"{LabelColumns} WHERE $user IS NULL OR user_id = $user ORDER BY labeled_at, user_id, work_id",
            ReadLabel, ct, ("$user", userId));
    }

    public async Task<IReadOnlyList<Click>> HistoryAsync(string userId, string workId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            """
            SELECT click_id, user_id, work_id, interested, at, source FROM clicks
            WHERE user_id = $user AND work_id = $work ORDER BY at, click_id
            """,
            r => new Click(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), StoredTime.FromTicks(r.GetInt64(4)), r.GetString(5)),
            ct, ("$user", userId), ("$work", workId));
    }

    public async Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync("SELECT DISTINCT user_id FROM labels ORDER BY user_id", r => r.GetString(0), ct);
    }

    public async Task<IReadOnlyList<LabelTally>> TallyAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            "SELECT user_id, COUNT(*), SUM(interested), MAX(labeled_at) FROM labels GROUP BY user_id ORDER BY user_id",
            r => new LabelTally(r.GetString(0), r.GetInt32(1), r.GetInt32(2), StoredTime.FromTicks(r.GetInt64(3))), ct);
    }

    private static Label ReadLabel(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetBoolean(2), StoredTime.FromTicks(r.GetInt64(3)), r.GetString(4));
}

using System.Text.Json;
using Konomi.Contracts;
using Konomi.Storage.Ports;
using Microsoft.Data.Sqlite;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteScoreStore(SqliteDatabase database) : IScoreStore
{
    const string Insert =
        """
        INSERT INTO scores (work_id, user_id, model_id, model_version, crawl_run_id, score, threshold, liked, reasons)
        VALUES ($work, $user, $model, $version, $run, $score, $threshold, $liked, $reasons)
        ON CONFLICT (work_id, user_id, model_id, model_version) DO NOTHING
        """;

    public async Task<bool> AddAsync(WorkScored score, CancellationToken ct = default) =>
        (await AddManyAsync([score], ct)).Count == 1;

    public async Task<IReadOnlyList<WorkScored>> AddManyAsync(IReadOnlyList<WorkScored> scores, CancellationToken ct = default)
    {
        var added = new List<WorkScored>(scores.Count);
        if (scores.Count == 0) return added;
        await using var connection = await database.OpenAsync(ct);
        // One transaction, one fsync, one prepared statement for the whole batch.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.Command(Insert,
            ("$work", ""), ("$user", ""), ("$model", ""), ("$version", 0), ("$run", ""), ("$score", 0.0), ("$threshold", 0.0), ("$liked", null), ("$reasons", ""));
        foreach (var score in scores)
        {
            Bind(command, score);
            if (await command.ExecuteNonQueryAsync(ct) == 1) added.Add(score);
        }
        await transaction.CommitAsync(ct);
        return added;
    }

    static void Bind(SqliteCommand command, WorkScored score)
    {
        var p = command.Parameters;
        p["$work"].Value = score.WorkId;
        p["$user"].Value = score.UserId;
        p["$model"].Value = score.ModelId;
        p["$version"].Value = score.ModelVersion;
        p["$run"].Value = score.CrawlRunId.ToString();
        p["$score"].Value = score.Score;
        p["$threshold"].Value = score.Threshold;
        p["$liked"].Value = score.Liked is { } liked ? liked : DBNull.Value;
        p["$reasons"].Value = JsonSerializer.Serialize(score.Reasons, KonomiJson.Options);
    }

    public async Task<IReadOnlyList<WorkScored>> ListAsync(string userId, int limit = 100, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            $"SELECT {Columns} FROM scores WHERE user_id = $user ORDER BY seq DESC LIMIT $limit", Read, ct, ("$user", userId), ("$limit", limit));
    }

    public async Task<IReadOnlyDictionary<string, WorkScored>> FindRunAsync(string userId, Guid crawlRunId, IEnumerable<string> workIds, CancellationToken ct = default)
    {
        var ids = workIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<string, WorkScored>();
        await using var connection = await database.OpenAsync(ct);
        // The unique key leads with (work_id, user_id): each work is an index seek, however many scores the user has.
        var found = await connection.QueryAsync(
            $"""
            SELECT {Columns} FROM scores
            WHERE user_id = $user AND crawl_run_id = $run AND work_id IN (SELECT value FROM json_each($ids))
            ORDER BY seq DESC
            """,
            Read, ct, ("$user", userId), ("$run", crawlRunId.ToString()), ("$ids", JsonSerializer.Serialize(ids)));
        return found.DistinctBy(s => s.WorkId).ToDictionary(s => s.WorkId);
    }

    const string Columns = "crawl_run_id, work_id, user_id, score, threshold, liked, model_id, model_version, reasons";

    static WorkScored Read(SqliteDataReader r) =>
        new(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4),
            r.IsDBNull(5) ? null : r.GetBoolean(5), r.GetString(6), r.GetInt32(7),
            JsonSerializer.Deserialize<List<ScoreReason>>(r.GetString(8), KonomiJson.Options)!);
}

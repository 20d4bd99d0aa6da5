using System.Text.Json;
using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Storage.Sqlite;

public sealed class SqliteScoreStore(SqliteDatabase database) : IScoreStore
{
    public async Task<bool> AddAsync(WorkScored score, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            """
            INSERT INTO scores (work_id, user_id, model_id, model_version, crawl_run_id, score, threshold, liked, reasons)
            VALUES ($work, $user, $model, $version, $run, $score, $threshold, $liked, $reasons)
            ON CONFLICT (work_id, user_id, model_id, model_version) DO NOTHING
            """,
            ct, ("$work", score.WorkId), ("$user", score.UserId), ("$model", score.ModelId), ("$version", score.ModelVersion),
            ("$run", score.CrawlRunId.ToString()), ("$score", score.Score), ("$threshold", score.Threshold),
            ("$liked", score.Liked), ("$reasons", JsonSerializer.Serialize(score.Reasons, KonomiJson.Options))) == 1;
    }

    public async Task<IReadOnlyList<WorkScored>> ListAsync(string userId, int limit = 100, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            """
            SELECT crawl_run_id, work_id, user_id, score, threshold, liked, model_id, model_version, reasons
            FROM scores WHERE user_id = $user ORDER BY seq DESC LIMIT $limit
            """,
            r => new WorkScored(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4),
                r.IsDBNull(5) ? null : r.GetBoolean(5), r.GetString(6), r.GetInt32(7),
                JsonSerializer.Deserialize<List<ScoreReason>>(r.GetString(8), KonomiJson.Options)!),
            ct, ("$user", userId), ("$limit", limit));
    }
}

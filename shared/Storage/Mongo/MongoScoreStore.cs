using Konomi.Contracts;
using Konomi.Storage.Ports;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoScoreStore(KonomiMongo mongo) : IScoreStore
{
    private static readonly IndexKeysDefinitionBuilder<ScoreDocument> Keys = Builders<ScoreDocument>.IndexKeys;

    private readonly IndexedCollection<ScoreDocument> _scores = mongo.Collection("scores",
        new CreateIndexModel<ScoreDocument>(
            Keys.Ascending(s => s.WorkId).Ascending(s => s.UserId).Ascending(s => s.ModelId).Ascending(s => s.ModelVersion),
            new CreateIndexOptions { Unique = true, Name = "one_score_per_work_user_model_version" }),
        new CreateIndexModel<ScoreDocument>(Keys.Ascending(s => s.UserId).Descending(s => s.Id)));

    public async Task<bool> AddAsync(WorkScored score, CancellationToken ct = default)
    {
        var scores = await _scores.ReadyAsync(ct);
        try
        {
            await scores.InsertOneAsync(new ScoreDocument(ObjectId.GenerateNewId(), score.CrawlRunId.ToString(), score.WorkId, score.UserId,
                score.Score, score.Threshold, score.Liked, score.ModelId, score.ModelVersion, score.Reasons), cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<WorkScored>> ListAsync(string userId, int limit = 100, CancellationToken ct = default)
    {
        var scores = await _scores.ReadyAsync(ct);
        var found = await scores.Find(s => s.UserId == userId).SortByDescending(s => s.Id).Limit(limit).ToListAsync(ct);
        return found.Select(s => new WorkScored(Guid.Parse(s.CrawlRunId), s.WorkId, s.UserId, s.Score, s.Threshold, s.Liked,
            s.ModelId, s.ModelVersion, s.Reasons)).ToList();
    }
}

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
            await scores.InsertOneAsync(Document(score), cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<WorkScored>> AddManyAsync(IReadOnlyList<WorkScored> scores, CancellationToken ct = default)
    {
        if (scores.Count == 0) return [];
        var collection = await _scores.ReadyAsync(ct);
        try
        {
            // Unordered: a key already scored (a redelivered batch) refuses only its own document.
            await collection.InsertManyAsync(scores.Select(Document), new InsertManyOptions { IsOrdered = false }, ct);
            return scores;
        }
        catch (MongoBulkWriteException e) when (DuplicateKey.Is(e))
        {
            var refused = e.WriteErrors.Select(w => w.Index).ToHashSet();
            return [.. scores.Where((_, i) => !refused.Contains(i))];
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            // The MongoDB-wire test server reports a refused key as one command error without saying which
            // documents went in: each is then added on its own, and only those that go in now count as new.
            var added = new List<WorkScored>();
            foreach (var score in scores)
                if (await AddAsync(score, ct)) added.Add(score);
            return added;
        }
    }

    static ScoreDocument Document(WorkScored score) => new(ObjectId.GenerateNewId(), score.CrawlRunId.ToString(), score.WorkId, score.UserId,
        score.Score, score.Threshold, score.Liked, score.ModelId, score.ModelVersion, score.Reasons);

    public async Task<IReadOnlyList<WorkScored>> ListAsync(string userId, int limit = 100, CancellationToken ct = default)
    {
        var scores = await _scores.ReadyAsync(ct);
        var found = await scores.Find(s => s.UserId == userId).SortByDescending(s => s.Id).Limit(limit).ToListAsync(ct);
        return [.. found.Select(Score)];
    }

    public async Task<IReadOnlyDictionary<string, WorkScored>> FindRunAsync(string userId, Guid crawlRunId, IEnumerable<string> workIds, CancellationToken ct = default)
    {
        var ids = workIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<string, WorkScored>();
        var scores = await _scores.ReadyAsync(ct);
        var run = crawlRunId.ToString();
        // The unique index leads with (workId, userId): each work is an index seek, however many scores the user has.
        var found = await scores.Find(Builders<ScoreDocument>.Filter.In(s => s.WorkId, ids) & Builders<ScoreDocument>.Filter.Eq(s => s.UserId, userId)
                & Builders<ScoreDocument>.Filter.Eq(s => s.CrawlRunId, run))
            .SortByDescending(s => s.Id).ToListAsync(ct);
        return found.Select(Score).DistinctBy(s => s.WorkId).ToDictionary(s => s.WorkId);
    }

    static WorkScored Score(ScoreDocument s) => new(Guid.Parse(s.CrawlRunId), s.WorkId, s.UserId, s.Score, s.Threshold, s.Liked,
        s.ModelId, s.ModelVersion, s.Reasons);
}

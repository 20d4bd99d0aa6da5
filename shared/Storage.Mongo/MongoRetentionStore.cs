using Konomi.Storage.Ports;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

/// <summary>
/// Prunes in pages of <see cref="Page"/> ids, walking each collection by id, so one run never holds a whole
/// collection in memory and needs nothing beyond find and deleteMany from the server.
/// </summary>
public sealed class MongoRetentionStore(KonomiMongo mongo) : IRetentionStore
{
    private const int Page = 1000;

    private static readonly TasteModelStatus[] NoLongerServing = [TasteModelStatus.Retired, TasteModelStatus.Rejected];

    private readonly IndexedCollection<WorkDocument> _works = mongo.Collection<WorkDocument>("works");
    private readonly IndexedCollection<ScoreDocument> _scores = mongo.Collection<ScoreDocument>("scores");
    private readonly IndexedCollection<SnapshotDocument> _snapshots = mongo.Collection<SnapshotDocument>("snapshots");
    private readonly IndexedCollection<ClickDocument> _clicks = mongo.Collection<ClickDocument>("clicks");
    private readonly IndexedCollection<LabelDocument> _labels = mongo.Collection<LabelDocument>("labels");
    private readonly IndexedCollection<TasteModelDocument> _versions = mongo.Collection<TasteModelDocument>("tasteModels");
    private readonly IndexedCollection<TasteModelChunk> _chunks = mongo.Collection<TasteModelChunk>("tasteModelChunks");
    private readonly IndexedCollection<CrawlFailureDocument> _failures = mongo.Collection<CrawlFailureDocument>("crawlFailures");

    public async Task<RetentionResult> PruneAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct = default) =>
        new(await PruneScoresAsync(Cutoff(now, policy.ScoresFor), ct),
            await PruneSnapshotsAsync(Cutoff(now, policy.SnapshotsFor), ct),
            await PruneClicksAsync(Cutoff(now, policy.ClicksFor), ct),
            await PruneVersionsAsync(policy.KeepModelVersions, ct),
            await PruneCrawlFailuresAsync(Cutoff(now, policy.SnapshotsFor), ct));

    private async Task<long> PruneScoresAsync(long cutoff, CancellationToken ct)
    {
        var works = await _works.ReadyAsync(ct);
        var scores = await _scores.ReadyAsync(ct);
        long removed = 0;
        var after = "";
        while (true)
        {
            var page = await works.Find(w => w.AddedAt < cutoff && w.Id.CompareTo(after) > 0)
                .SortBy(w => w.Id).Limit(Page).Project(Builders<WorkDocument>.Projection.Include(w => w.Id)).ToListAsync(ct);
            if (page.Count == 0) return removed;
            var ids = page.Select(w => w["_id"].AsString).ToList();
            removed += (await scores.DeleteManyAsync(Builders<ScoreDocument>.Filter.In(s => s.WorkId, ids), ct)).DeletedCount;
            after = ids[^1];
        }
    }

    private async Task<long> PruneSnapshotsAsync(long cutoff, CancellationToken ct)
    {
        var snapshots = await _snapshots.ReadyAsync(ct);
        return (await snapshots.DeleteManyAsync(s => s.CrawledAt < cutoff, ct)).DeletedCount;
    }

    private async Task<long> PruneCrawlFailuresAsync(long cutoff, CancellationToken ct)
    {
        var failures = await _failures.ReadyAsync(ct);
        return (await failures.DeleteManyAsync(f => f.LastFailedAt < cutoff, ct)).DeletedCount;
    }

    private async Task<long> PruneClicksAsync(long cutoff, CancellationToken ct)
    {
        var clicks = await _clicks.ReadyAsync(ct);
        var labels = await _labels.ReadyAsync(ct);
        long removed = 0;
        var after = "";
        while (true)
        {
            var page = await clicks.Find(c => c.At < cutoff && c.Id.CompareTo(after) > 0).SortBy(c => c.Id).Limit(Page).ToListAsync(ct);
            if (page.Count == 0) return removed;
            after = page[^1].Id;
            // The click a current label came from has the label's time; it stays, so the label keeps its source.
            var users = page.Select(c => c.UserId).Distinct().ToList();
            var workIds = page.Select(c => c.WorkId).Distinct().ToList();
            var current = await labels.Find(Builders<LabelDocument>.Filter.In(l => l.UserId, users) & Builders<LabelDocument>.Filter.In(l => l.WorkId, workIds))
                .ToListAsync(ct);
            var sources = current.Select(l => (l.UserId, l.WorkId, l.LabeledAt)).ToHashSet();
            var doomed = page.Where(c => !sources.Contains((c.UserId, c.WorkId, c.At))).Select(c => c.Id).ToList();
            if (doomed.Count > 0)
                removed += (await clicks.DeleteManyAsync(Builders<ClickDocument>.Filter.In(c => c.Id, doomed), ct)).DeletedCount;
        }
    }

    private async Task<long> PruneVersionsAsync(int keep, CancellationToken ct)
    {
        var versions = await _versions.ReadyAsync(ct);
        var chunks = await _chunks.ReadyAsync(ct);
        var all = await versions.Find(FilterDefinition<TasteModelDocument>.Empty)
            .Project(Builders<TasteModelDocument>.Projection.Include(v => v.UserId).Include(v => v.Version).Include(v => v.Status)).ToListAsync(ct);
        var past = NoLongerServing.Select(status => status.ToString()).ToHashSet();
        // A user's newest version stays whatever its status: the next one is numbered after it, and a number used
        // again would name two models (in scores, the gate's reasons, a rollback).
        var doomed = all.GroupBy(v => v["userId"].AsString)
            .SelectMany(user => user.Where(v => past.Contains(v["status"].AsString)).OrderByDescending(v => v["version"].AsInt32).Skip(keep)
                .Where(v => v["version"].AsInt32 != user.Max(newest => newest["version"].AsInt32)))
            .Select(v => v["_id"].AsObjectId).ToList();
        long removed = 0;
        foreach (var ids in doomed.Chunk(Page))
        {
            // The version first, then its bytes: a version is never visible without them.
            removed += (await versions.DeleteManyAsync(Builders<TasteModelDocument>.Filter.In(v => v.Id, ids), ct)).DeletedCount;
            await chunks.DeleteManyAsync(Builders<TasteModelChunk>.Filter.In(c => c.ModelId, ids), ct);
        }
        return removed;
    }

    private static long Cutoff(DateTimeOffset now, TimeSpan age) => StoredTime.ToTicks(now - age);
}

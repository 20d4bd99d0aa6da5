using Konomi.Storage.Ports;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoSnapshotStore(KonomiMongo mongo) : ISnapshotStore
{
    private static readonly IndexKeysDefinitionBuilder<SnapshotDocument> Keys = Builders<SnapshotDocument>.IndexKeys;

    private readonly IndexedCollection<SnapshotDocument> _snapshots = mongo.Collection("snapshots",
        new CreateIndexModel<SnapshotDocument>(Keys.Ascending(s => s.CrawlRunId).Ascending(s => s.Floor), new CreateIndexOptions { Unique = true }),
        new CreateIndexModel<SnapshotDocument>(Keys.Ascending(s => s.Floor).Descending(s => s.CrawledAt)));

    public async Task AddAsync(CrawlSnapshot snapshot, CancellationToken ct = default)
    {
        var snapshots = await _snapshots.ReadyAsync(ct);
        try
        {
            await snapshots.InsertOneAsync(new SnapshotDocument(ObjectId.GenerateNewId(), snapshot.CrawlRunId.ToString(), snapshot.Floor,
                StoredTime.ToTicks(snapshot.CrawledAt), snapshot.WorkIds), cancellationToken: ct);
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            // One snapshot per listing crawl, as the port promises: this crawl run's floor is already kept.
        }
    }

    public async Task<IReadOnlyList<CrawlSnapshot>> ListAsync(string? floor = null, int limit = 20, CancellationToken ct = default)
    {
        var snapshots = await _snapshots.ReadyAsync(ct);
        var filter = floor is null ? Builders<SnapshotDocument>.Filter.Empty : Builders<SnapshotDocument>.Filter.Eq(s => s.Floor, floor);
        var found = await snapshots.Find(filter).SortByDescending(s => s.CrawledAt).ThenByDescending(s => s.Id).Limit(limit).ToListAsync(ct);
        return found.Select(s => new CrawlSnapshot(Guid.Parse(s.CrawlRunId), StoredTime.FromTicks(s.CrawledAt), s.Floor, s.WorkIds)).ToList();
    }
}

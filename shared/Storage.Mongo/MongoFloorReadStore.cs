using Konomi.Storage.Ports;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoFloorReadStore(KonomiMongo mongo) : IFloorReadStore
{
    private readonly IndexedCollection<FloorReadDocument> _reads = mongo.Collection<FloorReadDocument>("floorReads");

    public async Task SaveAsync(FloorRead read, CancellationToken ct = default)
    {
        var reads = await _reads.ReadyAsync(ct);
        var document = new FloorReadDocument(read.Floor, StoredTime.ToTicks(read.ReadAt), read.Error, read.UnreadSince is { } since ? StoredTime.ToTicks(since) : null);
        await reads.ReplaceOneAsync(r => r.Id == read.Floor, document, new ReplaceOptions { IsUpsert = true }, ct);
    }

    public async Task<FloorRead?> FindAsync(string floor, CancellationToken ct = default)
    {
        var reads = await _reads.ReadyAsync(ct);
        var found = await reads.Find(r => r.Id == floor).FirstOrDefaultAsync(ct);
        return found is null ? null : ToRead(found);
    }

    public async Task<IReadOnlyList<FloorRead>> ListAsync(CancellationToken ct = default)
    {
        var reads = await _reads.ReadyAsync(ct);
        var found = await reads.Find(Builders<FloorReadDocument>.Filter.Empty).SortBy(r => r.Id).ToListAsync(ct);
        return found.Select(ToRead).ToList();
    }

    static FloorRead ToRead(FloorReadDocument d) =>
        new(d.Id, StoredTime.FromTicks(d.ReadAt), d.Error, d.UnreadSince is { } since ? StoredTime.FromTicks(since) : null);
}

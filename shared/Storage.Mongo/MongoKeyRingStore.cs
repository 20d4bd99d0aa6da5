using Konomi.Storage.Ports;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoKeyRingStore(KonomiMongo mongo) : IKeyRingStore
{
    private readonly IndexedCollection<KeyRingDocument> _elements = mongo.Collection<KeyRingDocument>("keyRing");

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default)
    {
        var elements = await _elements.ReadyAsync(ct);
        var found = await elements.Find(Builders<KeyRingDocument>.Filter.Empty).ToListAsync(ct);
        return found.Select(e => e.Xml).ToList();
    }

    public async Task AddAsync(string name, string xml, CancellationToken ct = default)
    {
        var elements = await _elements.ReadyAsync(ct);
        await elements.InsertOneAsync(new KeyRingDocument(ObjectId.GenerateNewId(), name, xml), cancellationToken: ct);
    }
}

using Konomi.Storage.Ports;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoKeyRingStore(KonomiMongo mongo) : IKeyRingStore
{
    /// <summary>The first element's id: of two first elements inserted at once, the unique id keeps one. Not ObjectId.Empty, which the driver replaces by a new id.</summary>
    private static readonly ObjectId First = ObjectId.Parse("000000000000000000000001");

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

    public async Task<bool> AddFirstAsync(string name, string xml, CancellationToken ct = default)
    {
        var elements = await _elements.ReadyAsync(ct);
        if (await elements.Find(Builders<KeyRingDocument>.Filter.Empty).AnyAsync(ct))
            return false;
        try
        {
            await elements.InsertOneAsync(new KeyRingDocument(First, name, xml), cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            return false;
        }
    }
}

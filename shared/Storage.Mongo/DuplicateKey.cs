using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

/// <summary>
/// A unique index refused a write. Real MongoDB reports it as a write error in the DuplicateKey category;
/// the MongoDB-wire test server as a command error with code 11000. Both mean the same here.
/// </summary>
public static class DuplicateKey
{
    public const int Code = 11000;

    public static bool Is(Exception e) => e switch
    {
        MongoWriteException w => w.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoBulkWriteException b => b.WriteErrors.All(x => x.Category == ServerErrorCategory.DuplicateKey),
        MongoCommandException c => c.Code == Code,
        _ => false,
    };
}

using MongoDB.Bson;

namespace Konomi.Storage.Mongo;

/// <summary>
/// Part <paramref name="N"/> of a model's bytes. Chunks keep every document far below MongoDB's 16 MB
/// limit whatever the model size, like GridFS, with one index and no second bucket to back up.
/// </summary>
public sealed record TasteModelChunk(ObjectId Id, ObjectId ModelId, int N, byte[] Data)
{
    public const int Size = 1024 * 1024;
}

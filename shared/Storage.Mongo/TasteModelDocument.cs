using Konomi.Storage.Ports;
using MongoDB.Bson;

namespace Konomi.Storage.Mongo;

/// <summary>
/// A registered version; (user, version) is unique. Its bytes are the chunks with this id. <paramref name="Promotion"/>
/// is the user's promotion number that last made it serve (none for versions promoted before numbers were kept).
/// </summary>
public sealed record TasteModelDocument(
    ObjectId Id, string UserId, int Version, string Family, TasteModelStatus Status, ModelMetrics Metrics,
    long CreatedAt, string? StatusReason, int ByteCount, long? Promotion = null)
{
    public TasteModelVersion ToVersion() => new(UserId, Version, Family, Status, Metrics, StoredTime.FromTicks(CreatedAt), StatusReason);
}

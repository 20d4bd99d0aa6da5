using MongoDB.Bson;

namespace Konomi.Storage.Mongo;

/// <summary>The current label; (user, work) is unique.</summary>
public sealed record LabelDocument(ObjectId Id, string UserId, string WorkId, bool Interested, long LabeledAt, string Source);

using Konomi.Contracts;
using MongoDB.Bson;

namespace Konomi.Storage.Mongo;

/// <summary>A score; (work, user, model id, model version) is unique. The ObjectId orders newest first.</summary>
public sealed record ScoreDocument(
    ObjectId Id, string CrawlRunId, string WorkId, string UserId, double Score, double Threshold, bool? Liked,
    string ModelId, int ModelVersion, IReadOnlyList<ScoreReason> Reasons);

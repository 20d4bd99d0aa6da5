using MongoDB.Bson;

namespace Konomi.Storage.Mongo;

/// <summary>One listing crawl of one floor; (crawl run, floor) is unique.</summary>
public sealed record SnapshotDocument(ObjectId Id, string CrawlRunId, string Floor, long CrawledAt, IReadOnlyList<string> WorkIds);

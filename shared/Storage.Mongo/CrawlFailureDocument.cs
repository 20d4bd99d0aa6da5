namespace Konomi.Storage.Mongo;

/// <summary>A work the crawler keeps failing on, keyed by its work id.</summary>
public sealed record CrawlFailureDocument(string Id, int Attempts, string LastError, long FirstFailedAt, long LastFailedAt);

using Konomi.Contracts;

namespace Konomi.Storage.Mongo;

/// <summary>A work keyed by its id, with what the outbox and the list filter need beside it.</summary>
public sealed record WorkDocument(string Id, Work Work, string? ReleaseDate, string Search, string CrawlRunId, long AddedAt, bool Announced);

namespace Konomi.Storage.Mongo;

/// <summary>One click in the history, keyed by its click id.</summary>
public sealed record ClickDocument(string Id, string UserId, string WorkId, bool Interested, long At, string Source);

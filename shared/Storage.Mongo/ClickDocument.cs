namespace Konomi.Storage.Mongo;

/// <summary>
/// One click in the history, keyed by its click id. <see cref="FollowUp"/> rides in the same document, so
/// the click and what remains to be done about it are one atomic insert; it is removed once done. The worker
/// doing it holds it by <see cref="LeaseOwner"/> until <see cref="LeaseUntil"/>.
/// </summary>
public sealed record ClickDocument(string Id, string UserId, string WorkId, bool Interested, long At, string Source,
    string? FollowUp = null, bool FollowUpPending = false, string? LeaseOwner = null, long? LeaseUntil = null);

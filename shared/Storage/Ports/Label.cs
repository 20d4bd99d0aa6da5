namespace Konomi.Storage.Ports;

/// <summary>The current answer of a user about a work.</summary>
public sealed record Label(string UserId, string WorkId, bool Interested, DateTimeOffset LabeledAt, string Source);

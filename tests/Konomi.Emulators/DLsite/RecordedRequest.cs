namespace Konomi.Emulators.DLsite;

/// <summary>One request as the emulator received it, faults included.</summary>
public sealed record RecordedRequest(RequestKind Kind, string PathAndQuery, string UserAgent, string Cookie, DateTimeOffset StartedAt, DateTimeOffset EndedAt);

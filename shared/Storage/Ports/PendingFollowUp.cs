namespace Konomi.Storage.Ports;

/// <summary>What remains to be done about a stored click, as its recorder wrote it.</summary>
public sealed record PendingFollowUp(string ClickId, string FollowUp);

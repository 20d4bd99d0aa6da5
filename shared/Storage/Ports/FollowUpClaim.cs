namespace Konomi.Storage.Ports;

/// <summary>
/// The follow-ups a claim leased to its owner, oldest click first, and when the first lease another owner holds
/// runs out (null when none does): a follow-up of a worker that died is free again then.
/// </summary>
public sealed record FollowUpClaim(IReadOnlyList<PendingFollowUp> Claimed, DateTimeOffset? HeldElsewhereUntil);

namespace Konomi.Storage.Ports;

/// <summary>
/// One answer from a user. <paramref name="ClickId"/> is the click's identity (for Slack: user, action,
/// message ts and action ts) so the same delivery twice is one click.
/// </summary>
public sealed record Click(string ClickId, string UserId, string WorkId, bool Interested, DateTimeOffset At, string Source);

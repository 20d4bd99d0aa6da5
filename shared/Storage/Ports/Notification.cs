namespace Konomi.Storage.Ports;

/// <summary>
/// One work for one target (a channel or a user's DM). <paramref name="HoldUntil"/> is set while
/// quiet hours hold it. Channel and MessageTs are Slack's address of the posted message.
/// <paramref name="ExplorationProbability"/> is set when the work was posted to explore (the model would not have
/// posted it): the probability it was picked with. <paramref name="Heading"/> is the heading of the digest message the
/// entry was first posted in ("(1/2)" and all): a part that failed is posted again under it.
/// </summary>
public sealed record Notification(
    string WorkId,
    string Target,
    string UserId,
    Guid CrawlRunId,
    NotificationStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? HoldUntil = null,
    string? Channel = null,
    string? MessageTs = null,
    string? Error = null,
    string? LeaseOwner = null,
    DateTimeOffset? LeaseUntil = null,
    double? ExplorationProbability = null,
    string? Heading = null)
{
    /// <summary>When the entry may be posted: the end of its hold, or its creation when nothing holds it.</summary>
    public DateTimeOffset DueAt => HoldUntil ?? CreatedAt;
}

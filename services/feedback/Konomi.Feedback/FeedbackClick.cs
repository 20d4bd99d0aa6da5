using System.Text.Json.Nodes;

namespace Konomi.Feedback;

/// <summary>
/// One press of 興味あり! or 別に… as Slack reported it: who pressed it, which work and Konomi user the
/// button was for, and where the message is, with the message's blocks so it can be redrawn.
/// </summary>
public sealed record FeedbackClick(
    string SlackUserId,
    string UserId,
    string WorkId,
    bool Interested,
    string ActionId,
    string BlockId,
    string Channel,
    string MessageTs,
    string ActionTs,
    DateTimeOffset At,
    string MessageText,
    JsonArray Blocks)
{
    /// <summary>The click's identity: the same press delivered twice has the same id.</summary>
    public string ClickId => $"slack:{SlackUserId}:{ActionId}:{Channel}:{MessageTs}:{ActionTs}";
}

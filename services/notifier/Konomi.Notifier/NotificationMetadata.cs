using System.Text.Json.Nodes;
using Konomi.Slack;
using Konomi.Storage.Ports;

namespace Konomi.Notifier;

/// <summary>
/// What a Konomi post carries as Slack message metadata: the user and the works of the ledger entries it shows,
/// so a post whose notifier died before recording it is found in the channel's history instead of posted again.
/// Work ids travel as one space-separated string: Slack's payload values are strings, numbers, booleans or objects.
/// </summary>
public static class NotificationMetadata
{
    public const string EventType = "konomi_notification";

    public static SlackMetadata For(IReadOnlyList<Notification> entries) => new(EventType, new JsonObject
    {
        ["user_id"] = entries[0].UserId,
        ["work_ids"] = string.Join(' ', entries.Select(e => e.WorkId)),
    });

    /// <summary>The works a message was posted for on behalf of <paramref name="userId"/>; empty for any other message.</summary>
    public static IReadOnlyList<string> WorkIds(SlackMetadata? metadata, string userId) =>
        metadata is { EventType: EventType } m && m.Payload["user_id"]?.GetValue<string>() == userId
            && m.Payload["work_ids"]?.GetValue<string>() is { } ids
            ? ids.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
}

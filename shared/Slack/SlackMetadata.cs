using System.Text.Json.Nodes;

namespace Konomi.Slack;

/// <summary>
/// Slack message metadata (<c>metadata: {event_type, event_payload}</c> on chat.postMessage), read back with
/// conversations.history <c>include_all_metadata</c>: how a post can be found again when its answer was lost.
/// </summary>
public sealed record SlackMetadata(string EventType, JsonObject Payload)
{
    public JsonObject ToJson() => new() { ["event_type"] = EventType, ["event_payload"] = Payload.DeepClone() };

    /// <summary>The metadata of a message as Slack returns it, or null when it has none (or not in this shape).</summary>
    public static SlackMetadata? From(JsonNode? node) =>
        node is JsonObject { } o && o["event_type"] is JsonValue type && type.TryGetValue<string>(out var eventType) && o["event_payload"] is JsonObject payload
            ? new SlackMetadata(eventType, (JsonObject)payload.DeepClone())
            : null;

    public bool SameAs(SlackMetadata? other) =>
        other is not null && other.EventType == EventType && JsonNode.DeepEquals(other.Payload, Payload);
}

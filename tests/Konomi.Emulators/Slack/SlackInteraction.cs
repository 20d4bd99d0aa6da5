using System.Globalization;
using System.Text.Json.Nodes;

namespace Konomi.Emulators.Slack;

/// <summary>
/// A <c>block_actions</c> interaction payload shaped like the ones Slack sends when a button in a message
/// is pressed (api.slack.com/reference/interaction-payloads/block-actions), for Socket Mode envelopes
/// and for signed HTTP posts alike.
/// </summary>
public static class SlackInteraction
{
    public static JsonObject ButtonPress(
        string slackUserId,
        string actionId,
        string value,
        string blockId,
        string channel,
        string messageTs,
        JsonArray messageBlocks,
        DateTimeOffset pressedAt,
        string messageText = "Konomi")
    {
        var actionTs = (pressedAt.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = slackUserId, ["username"] = slackUserId.ToLowerInvariant(), ["team_id"] = "T0KONOMI" },
            ["api_app_id"] = "A0KONOMI",
            ["token"] = "legacy-verification-token",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["trigger_id"] = $"{pressedAt.ToUnixTimeSeconds()}.1.{Guid.NewGuid():N}",
            ["team"] = new JsonObject { ["id"] = "T0KONOMI", ["domain"] = "konomi" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "konomi" },
            ["message"] = new JsonObject
            {
                ["type"] = "message",
                ["text"] = messageText,
                ["user"] = "U0KONOMIBOT",
                ["ts"] = messageTs,
                ["blocks"] = messageBlocks.DeepClone(),
            },
            ["response_url"] = "https://hooks.slack.com/actions/T0KONOMI/1/emulated",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId,
                ["block_id"] = blockId,
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = actionId, ["emoji"] = true },
                ["value"] = value,
                ["type"] = "button",
                ["action_ts"] = actionTs,
            }),
        };
    }
}

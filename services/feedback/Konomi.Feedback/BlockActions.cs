using System.Globalization;
using System.Text.Json.Nodes;
using Konomi.Slack;

namespace Konomi.Feedback;

/// <summary>Reads Slack's <c>block_actions</c> interaction payload into a <see cref="FeedbackClick"/>.</summary>
public static class BlockActions
{
    /// <summary>
    /// False with a <paramref name="problem"/> when the payload is malformed. True with a null click when it
    /// is well formed but not one of our buttons (another interaction type or action): nothing to store.
    /// </summary>
    public static bool TryRead(JsonNode? payload, out FeedbackClick? click, out string? problem)
    {
        click = null;
        problem = null;
        try
        {
            if (payload is not JsonObject root)
                return Fail("the payload is not a JSON object", out problem);
            if (Text(root, "type") is not { } type)
                return Fail("the payload has no type", out problem);
            if (type != "block_actions")
                return true;
            if (root["actions"] is not JsonArray { Count: > 0 } actions || actions[0] is not JsonObject action)
                return Fail("block_actions without actions", out problem);
            var actionId = Text(action, "action_id");
            bool interested;
            if (actionId == FeedbackActions.Interested) interested = true;
            else if (actionId == FeedbackActions.NotInterested) interested = false;
            else return true;

            if (Text(root["user"], "id") is not { Length: > 0 } slackUser)
                return Fail("no user.id", out problem);
            if (Text(action, "value") is not { } value || !FeedbackValue.TryParse(value, out var button))
                return Fail("the button value is not Konomi's", out problem);
            var channel = Text(root["container"], "channel_id") ?? Text(root["channel"], "id");
            var messageTs = Text(root["container"], "message_ts") ?? Text(root["message"], "ts");
            if (channel is not { Length: > 0 } || messageTs is not { Length: > 0 })
                return Fail("no channel or message ts", out problem);
            if (Text(action, "action_ts") is not { } actionTs || !TryParseTs(actionTs, out var at))
                return Fail("no valid action_ts", out problem);
            var blocks = root["message"]?["blocks"] as JsonArray ?? [];

            click = new FeedbackClick(slackUser, button.UserId, button.WorkId, interested, actionId!,
                Text(action, "block_id") ?? "", channel, messageTs, actionTs, at,
                Text(root["message"], "text") ?? "", (JsonArray)blocks.DeepClone());
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // A member of the wrong JSON kind (an object where a string belongs, ...), or a property twice
            // (JsonObject notices duplicates only when first read).
            return Fail(e.Message, out problem);
        }
    }

    static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Slack times are epoch seconds with a microsecond fraction, e.g. <c>1548426417.840180</c>.</summary>
    static bool TryParseTs(string ts, out DateTimeOffset at)
    {
        at = default;
        if (!decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds <= 0 || seconds > 253402300799m)
            return false;
        at = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    static bool Fail(string reason, out string? problem)
    {
        problem = reason;
        return false;
    }
}

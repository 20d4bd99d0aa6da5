using System.Text.Json.Nodes;
using Konomi.Slack;

namespace Konomi.Feedback;

/// <summary>
/// The message as posted, showing the choice: the chosen button gets a ✓ and the primary style, and a
/// context block under the buttons says who chose what. The buttons stay so the choice can be changed; a
/// later click replaces the earlier marks. A message already at Block Kit's 50 blocks (a full digest) gets
/// only the ✓, so the update is never refused for its size.
/// </summary>
public static class ChoiceBlocks
{
    public static JsonArray Show(FeedbackClick click)
    {
        var choiceId = "choice:" + click.BlockId;
        var kept = click.Blocks.Where(b => BlockId(b) != choiceId).ToList();
        var room = kept.Count < BlockKit.MaxBlocks;
        var blocks = new JsonArray();
        foreach (var block in kept)
        {
            var copy = block?.DeepClone();
            blocks.Add(copy);
            if (copy is JsonObject actions && BlockId(actions) == click.BlockId)
            {
                MarkChosen(actions, click.ActionId);
                if (room)
                    blocks.Add(Choice(choiceId, click));
            }
        }
        return blocks;
    }

    static void MarkChosen(JsonObject actions, string chosenActionId)
    {
        foreach (var button in (actions["elements"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var actionId = button["action_id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            var label = actionId switch
            {
                FeedbackActions.Interested => FeedbackActions.InterestedText,
                FeedbackActions.NotInterested => FeedbackActions.NotInterestedText,
                _ => null,
            };
            if (label is null)
                continue;
            var chosen = actionId == chosenActionId;
            button["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = chosen ? "✓ " + label : label, ["emoji"] = true };
            if (chosen)
                button["style"] = "primary";
            else
                button.Remove("style");
        }
    }

    static string? BlockId(JsonNode? block) =>
        (block as JsonObject)?["block_id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static JsonObject Choice(string blockId, FeedbackClick click) => new()
    {
        ["type"] = "context",
        ["block_id"] = blockId,
        ["elements"] = new JsonArray(new JsonObject
        {
            ["type"] = "mrkdwn",
            ["text"] = $"<@{click.SlackUserId}> chose *{(click.Interested ? FeedbackActions.InterestedText : FeedbackActions.NotInterestedText)}* (press the other button to change it)",
        }),
    };
}

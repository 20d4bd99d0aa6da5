using Konomi.Slack;
using System.Text.Json.Nodes;

namespace Konomi.Feedback;

/// <summary>
/// The message as posted plus a context block under the clicked buttons saying what was chosen. The
/// buttons stay so the choice can be changed; a later click replaces the earlier context block.
/// </summary>
public static class ChoiceBlocks
{
    public static JsonArray Show(FeedbackClick click)
    {
        var choiceId = "choice:" + click.BlockId;
        var blocks = new JsonArray();
        var placed = false;
        foreach (var block in click.Blocks)
        {
            var id = (block as JsonObject)?["block_id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (id == choiceId)
                continue;
            blocks.Add(block?.DeepClone());
            if (!placed && id == click.BlockId)
            {
                blocks.Add(Choice(choiceId, click));
                placed = true;
            }
        }
        if (!placed)
            blocks.Add(Choice(choiceId, click));
        return blocks;
    }

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

using System.Text.Json.Nodes;

namespace Konomi.Notifier;

/// <summary>What gets posted: Block Kit blocks and the plain fallback text Slack shows in notifications.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks)
{
    /// <summary>The same message without image blocks and image accessories; null when it shows none.</summary>
    public SlackMessage? WithoutImages()
    {
        var blocks = (JsonArray)Blocks.DeepClone();
        var removed = 0;
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            if (blocks[i] is not JsonObject block)
                continue;
            if (IsImage(block))
            {
                blocks.RemoveAt(i);
                removed++;
            }
            else if (block["accessory"] is JsonObject accessory && IsImage(accessory))
            {
                block.Remove("accessory");
                removed++;
            }
        }
        return removed == 0 ? null : this with { Blocks = blocks };
    }

    static bool IsImage(JsonObject node) => node["type"]?.GetValue<string>() == "image";
}

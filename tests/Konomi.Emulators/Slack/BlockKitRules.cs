using System.Text.Json.Nodes;

namespace Konomi.Emulators.Slack;

/// <summary>
/// The Block Kit limits Slack enforces on chat.postMessage and chat.update, written independently of
/// Konomi's client so a client that overshoots is caught. Errors read like Slack's
/// (<c>must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]</c>).
/// </summary>
static class BlockKitRules
{
    static readonly HashSet<string> BlockTypes = ["section", "actions", "header", "divider", "context", "image", "rich_text", "input"];

    public static List<string> Validate(JsonArray blocks)
    {
        var errors = new List<string>();
        if (blocks.Count > 50)
            errors.Add($"no more than 50 items allowed [json-pointer:/blocks]");
        var blockIds = new HashSet<string>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var at = $"/blocks/{i}";
            if (blocks[i] is not JsonObject block || block["type"]?.GetValue<string>() is not { } type || !BlockTypes.Contains(type))
            {
                errors.Add($"unsupported type [json-pointer:{at}/type]");
                continue;
            }
            if (block["block_id"]?.GetValue<string>() is { } blockId)
            {
                Max(errors, blockId, 255, $"{at}/block_id");
                if (!blockIds.Add(blockId))
                    errors.Add($"duplicate block_id [json-pointer:{at}/block_id]");
            }
            switch (type)
            {
                case "header":
                    Text(errors, block["text"], 150, $"{at}/text", plainOnly: true);
                    break;
                case "section":
                    if (block["text"] is null && block["fields"] is null)
                        errors.Add($"must provide text or fields [json-pointer:{at}]");
                    if (block["text"] is { } text)
                        Text(errors, text, 3000, $"{at}/text");
                    if (block["accessory"] is JsonObject { } accessory)
                        Element(errors, accessory, $"{at}/accessory", []);
                    break;
                case "actions":
                    var elements = block["elements"] as JsonArray;
                    if (elements is null or { Count: 0 or > 25 })
                        errors.Add($"must have 1 to 25 elements [json-pointer:{at}/elements]");
                    var actionIds = new HashSet<string>();
                    for (var e = 0; e < (elements?.Count ?? 0); e++)
                        Element(errors, elements![e] as JsonObject, $"{at}/elements/{e}", actionIds);
                    break;
                case "context":
                    if (block["elements"] is not JsonArray { Count: > 0 and <= 10 })
                        errors.Add($"must have 1 to 10 elements [json-pointer:{at}/elements]");
                    break;
            }
        }
        return errors;
    }

    static void Element(List<string> errors, JsonObject? element, string at, HashSet<string> actionIds)
    {
        switch (element?["type"]?.GetValue<string>())
        {
            case "image":
                if (element["image_url"] is null)
                    errors.Add($"missing required field: image_url [json-pointer:{at}]");
                if (element["alt_text"]?.GetValue<string>() is not { Length: > 0 } alt)
                    errors.Add($"missing required field: alt_text [json-pointer:{at}]");
                else
                    Max(errors, alt, 2000, $"{at}/alt_text");
                break;
            case "button":
                Text(errors, element["text"], 75, $"{at}/text", plainOnly: true);
                if (element["action_id"]?.GetValue<string>() is { } actionId)
                {
                    Max(errors, actionId, 255, $"{at}/action_id");
                    if (!actionIds.Add(actionId))
                        errors.Add($"duplicate action_id [json-pointer:{at}/action_id]");
                }
                if (element["value"]?.GetValue<string>() is { } value)
                    Max(errors, value, 2000, $"{at}/value");
                if (element["style"]?.GetValue<string>() is { } style && style is not ("primary" or "danger"))
                    errors.Add($"must be one of primary, danger [json-pointer:{at}/style]");
                break;
            default:
                errors.Add($"unsupported type [json-pointer:{at}/type]");
                break;
        }
    }

    static void Text(List<string> errors, JsonNode? text, int max, string at, bool plainOnly = false)
    {
        var type = text?["type"]?.GetValue<string>();
        if (type is not ("plain_text" or "mrkdwn") || (plainOnly && type != "plain_text"))
            errors.Add($"must be a {(plainOnly ? "plain_text" : "text")} object [json-pointer:{at}]");
        else if (text!["text"]?.GetValue<string>() is not { Length: > 0 } value)
            errors.Add($"must be more than 0 characters [json-pointer:{at}/text]");
        else
            Max(errors, value, max, $"{at}/text");
    }

    static void Max(List<string> errors, string value, int max, string at)
    {
        if (value.Length > max)
            errors.Add($"must be less than {max + 1} characters [json-pointer:{at}]");
    }
}

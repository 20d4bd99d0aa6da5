using System.Globalization;
using System.Text.Json.Nodes;

namespace Konomi.Slack;

/// <summary>
/// Block Kit's documented limits and the few block shapes Konomi posts. Every text passes through
/// <see cref="Truncate"/> so a long title or reason list shortens with "…" instead of Slack refusing
/// the whole message with <c>invalid_blocks</c>.
/// </summary>
public static class BlockKit
{
    public const int MaxBlocks = 50;
    public const int MaxHeaderText = 150;
    public const int MaxSectionText = 3000;
    public const int MaxButtonText = 75;
    public const int MaxActionId = 255;
    public const int MaxBlockId = 255;
    public const int MaxButtonValue = 2000;
    public const int MaxAltText = 2000;
    /// <summary>Konomi's own cap for the notification fallback text (Slack truncates at 40,000).</summary>
    public const int MaxFallbackText = 3000;

    /// <summary>Cuts to at most <paramref name="max"/> UTF-16 units, never inside a surrogate pair or an <c>&amp;entity;</c>.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = max - 1;
        var elements = StringInfo.ParseCombiningCharacters(text);
        var safe = elements.LastOrDefault(i => i <= cut);
        var amp = text.LastIndexOf('&', Math.Max(safe - 1, 0));
        if (amp >= 0 && safe - amp <= 6 && text.IndexOf(';', amp, safe - amp) < 0)
            safe = amp;
        return text[..safe] + "…";
    }

    /// <summary>Slack's mrkdwn control characters; everything user- or DLsite-supplied goes through this.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static JsonObject PlainText(string text, int max) => new() { ["type"] = "plain_text", ["text"] = Truncate(text, max), ["emoji"] = true };

    public static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = Truncate(text, MaxSectionText) };

    public static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = PlainText(text, MaxHeaderText) };

    public static JsonObject Section(string mrkdwn, JsonObject? accessory = null)
    {
        var section = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };
        if (accessory is not null)
            section["accessory"] = accessory;
        return section;
    }

    public static JsonObject Image(string url, string altText) =>
        new() { ["type"] = "image", ["image_url"] = url, ["alt_text"] = Truncate(altText, MaxAltText) };

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    public static JsonObject Actions(string blockId, params JsonObject[] elements) =>
        new() { ["type"] = "actions", ["block_id"] = Truncate(blockId, MaxBlockId), ["elements"] = new JsonArray(elements) };

    /// <summary>A button; the value is an identity, so an oversized one is an error, never truncated.</summary>
    public static JsonObject Button(string text, string actionId, string value, string? style = null)
    {
        if (value.Length > MaxButtonValue)
            throw new ArgumentException($"Button value is {value.Length} characters; Block Kit allows {MaxButtonValue}.", nameof(value));
        if (actionId.Length > MaxActionId)
            throw new ArgumentException($"action_id is {actionId.Length} characters; Block Kit allows {MaxActionId}.", nameof(actionId));
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(text, MaxButtonText),
            ["action_id"] = actionId,
            ["value"] = value,
        };
        if (style is not null)
            button["style"] = style;
        return button;
    }
}

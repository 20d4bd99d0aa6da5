using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konomi.Emulators.Slack;

// Message metadata on chat.postMessage and conversations.history, as Slack documents them: metadata is an
// object (or, in a form body, its JSON text) with event_type and an event_payload object; history answers
// newest first after `oldest` (exclusive unless `inclusive`), at most `limit` a page, metadata only with
// include_all_metadata, more pages by response_metadata.next_cursor; reading needs the history scope of
// the conversation's kind.
public sealed partial class SlackEmulator
{
    const int DefaultHistoryLimit = 100;
    const int MaxHistoryLimit = 999;

    /// <summary>
    /// The most messages one conversations.history page holds whatever limit is asked; Slack documents that a
    /// page may hold fewer than the limit, so a client must follow the cursor. A test lowers it to force pages.
    /// </summary>
    public int HistoryPageSize { get; set; } = MaxHistoryLimit;

    static bool TryReadMetadata(JsonNode? node, out JsonObject? metadata)
    {
        metadata = null;
        if (node is null)
            return true;
        try
        {
            if (node is JsonValue text && text.TryGetValue<string>(out var json))
                node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return false;
        }
        if (node is not JsonObject o || o["event_type"] is not JsonValue type || !type.TryGetValue<string>(out var eventType)
            || string.IsNullOrEmpty(eventType) || o["event_payload"] is not JsonObject)
            return false;
        metadata = (JsonObject)o.DeepClone();
        return true;
    }

    JsonObject History(JsonObject args)
    {
        var channel = Text(args["channel"]);
        if (string.IsNullOrEmpty(channel) || !ChannelExists(channel))
            return Error("channel_not_found");
        if (!BotIsIn(channel))
            return Error("not_in_channel");
        var needed = channel[0] switch { 'D' => "im:history", 'G' => "groups:history", _ => "channels:history" };
        if (!BotScopes.Contains(needed))
        {
            var refusal = Error("missing_scope");
            refusal["needed"] = needed;
            refusal["provided"] = string.Join(",", BotScopes);
            return refusal;
        }
        var limit = int.TryParse(Text(args["limit"]), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? Math.Min(asked, MaxHistoryLimit) : DefaultHistoryLimit;
        limit = Math.Min(limit, HistoryPageSize);
        var inclusive = Flag(args["inclusive"]);
        var oldest = Timestamp(Text(args["oldest"])) ?? 0m;
        var latest = Timestamp(Text(args["latest"])) ?? decimal.MaxValue;
        var withMetadata = Flag(args["include_all_metadata"]);
        decimal? before = null;
        if (Text(args["cursor"]) is { Length: > 0 } cursor)
        {
            before = ReadCursor(cursor);
            if (before is null)
                return Error("invalid_cursor");
        }

        List<EmulatedMessage> page;
        bool more;
        lock (_gate)
        {
            var matching = _messages
                .Where(m => m.Channel == channel)
                .Select(m => (Message: m, At: Timestamp(m.Ts)!.Value))
                .Where(m => (inclusive ? m.At >= oldest : m.At > oldest) && (inclusive ? m.At <= latest : m.At < latest) && (before is null || m.At < before))
                .OrderByDescending(m => m.At)
                .ToList();
            page = [.. matching.Take(limit).Select(m => m.Message)];
            more = matching.Count > limit;
        }
        var messages = new JsonArray();
        foreach (var message in page)
        {
            var item = new JsonObject
            {
                ["type"] = "message",
                ["subtype"] = "bot_message",
                ["user"] = BotUserId,
                ["bot_id"] = "B0KONOMI",
                ["text"] = message.Text,
                ["ts"] = message.Ts,
                ["blocks"] = message.Blocks.DeepClone(),
            };
            if (withMetadata && message.Metadata is not null)
                item["metadata"] = message.Metadata.DeepClone();
            messages.Add(item);
        }
        var reply = Ok(new JsonObject { ["messages"] = messages, ["has_more"] = more, ["pin_count"] = 0 });
        if (more)
            reply["response_metadata"] = new JsonObject { ["next_cursor"] = WriteCursor(page[^1].Ts) };
        return reply;
    }

    static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    static bool Flag(JsonNode? node) => Text(node) is "true" or "1";

    static decimal? Timestamp(string? ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    // Slack's cursors are opaque base64 ("bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz" is "next_ts:1512085861000543").
    static string WriteCursor(string ts) => Convert.ToBase64String(Encoding.UTF8.GetBytes("next_ts:" + ts));

    static decimal? ReadCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("next_ts:", StringComparison.Ordinal) ? Timestamp(text["next_ts:".Length..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

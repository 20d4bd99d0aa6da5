using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Konomi.Slack;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Konomi.Notifier;

/// <summary>
/// Without a Slack bot token: logs what would have been posted, so <c>konomi run</c> shows it. The ledger
/// still records it as sent (channel <c>console</c>), so configuring Slack later does not repeat old works.
/// </summary>
public sealed partial class ConsoleNotificationSink(ILogger<ConsoleNotificationSink> logger) : INotificationSink
{
    public const string Channel = "console";
    long _sequence;

    public Task<PostedMessage> PostAsync(string target, SlackMessage message, IReadOnlyList<Notification> entries, CancellationToken ct)
    {
        LogWouldPost(logger, target, Render(message.Blocks));
        var ts = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Interlocked.Increment(ref _sequence):D6}");
        return Task.FromResult(new PostedMessage(Channel, ts));
    }

    // A log cannot be read back: what it printed before a crash is printed again.
    public Task<IReadOnlyDictionary<string, PostedMessage>> FindPostedAsync(string target, IReadOnlyList<Notification> entries, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, PostedMessage>>(new Dictionary<string, PostedMessage>());

    static string Render(JsonArray blocks)
    {
        var text = new StringBuilder();
        foreach (var block in blocks.OfType<JsonObject>())
        {
            if (block["text"]?["text"]?.GetValue<string>() is { } body)
                text.Append('\n').Append(body);
            if (block["elements"] is JsonArray elements)
                text.Append('\n').AppendJoin(" ", elements.Select(e => $"[{e?["text"]?["text"]?.GetValue<string>()}]"));
        }
        return text.ToString();
    }

    [LoggerMessage(1, LogLevel.Information, "No Slack bot token (Slack:BotToken): would post to {Target}:{Message}")]
    static partial void LogWouldPost(ILogger logger, string target, string message);
}

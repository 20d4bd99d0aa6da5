using System.Text.Json.Nodes;
using Konomi.Emulators.Slack;
using Konomi.Slack;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// Presses feedback buttons on posted messages the way each user would (興味あり! for a circle they like,
/// 別に… otherwise), delivered by the Slack emulator over Socket Mode, and remembers every press.
/// </summary>
public sealed class Clicks(Loop loop)
{
    readonly List<SentClick> _sent = [];

    public IReadOnlyList<SentClick> Sent => [.. _sent];

    /// <summary>Presses once on every posted message of <paramref name="workIds"/> not pressed yet; returns how many.</summary>
    public async Task<int> PressAllAsync(IReadOnlyCollection<string> workIds, CancellationToken ct)
    {
        var pressed = 0;
        foreach (var message in loop.Slack.Messages)
            foreach (var (workId, buttons) in FeedbackButtons(message.Blocks).Where(b => workIds.Contains(b.WorkId)))
            {
                if (_sent.Any(c => c.Channel == message.Channel && c.MessageTs == message.Ts && c.WorkId == workId)) continue;
                await PressAsync(message, workId, buttons, ct);
                pressed++;
            }
        return pressed;
    }

    async Task PressAsync(EmulatedMessage message, string workId, JsonArray buttons, CancellationToken ct)
    {
        var any = buttons.First()!;
        if (!FeedbackValue.TryParse(any["value"]?.GetValue<string>(), out var value))
            throw new InvalidOperationException($"Message {message.Ts} in {message.Channel} has a feedback button without a readable value: {any}");
        var listener = loop.Listener(value.UserId);
        var interested = listener.LikesCircle(loop.Work(workId).Circle);
        var action = interested ? FeedbackActions.Interested : FeedbackActions.NotInterested;
        var button = buttons.Single(b => b!["action_id"]?.GetValue<string>() == action)!;
        var payload = SlackInteraction.ButtonPress(listener.SlackUserId, action, button["value"]!.GetValue<string>(),
            FeedbackActions.BlockId(workId), message.Channel, message.Ts, message.Blocks, DateTimeOffset.UtcNow);
        await loop.DeliverInteractionAsync(payload, ct);
        _sent.Add(new SentClick(listener.UserId, workId, interested, message.Channel, message.Ts, payload));
    }

    /// <summary>Delivers every press again, unchanged: what Slack does when it thinks an envelope was not acknowledged.</summary>
    public async Task RedeliverAllAsync(CancellationToken ct)
    {
        foreach (var click in Sent)
            await loop.DeliverInteractionAsync((JsonObject)click.Payload.DeepClone(), ct);
    }

    /// <summary>The work id and buttons of every feedback actions block (block_id <c>fb:{workId}</c>) in a message.</summary>
    public static IEnumerable<(string WorkId, JsonArray Buttons)> FeedbackButtons(JsonArray blocks) =>
        blocks.OfType<JsonObject>()
            .Where(b => b["block_id"]?.GetValue<string>() is { } id && id.StartsWith(FeedbackActions.BlockIdPrefix, StringComparison.Ordinal))
            .Select(b => (b["block_id"]!.GetValue<string>()[FeedbackActions.BlockIdPrefix.Length..], b["elements"]!.AsArray()));
}

using System.Text.Json.Nodes;

namespace Konomi.Notifier;

/// <summary>What gets posted: Block Kit blocks and the plain fallback text Slack shows in notifications.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks);

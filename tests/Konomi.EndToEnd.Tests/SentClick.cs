using System.Text.Json.Nodes;

namespace Konomi.EndToEnd.Tests;

/// <summary>One button press a user made on a posted message, and the block_actions payload Slack delivered for it.</summary>
public sealed record SentClick(string UserId, string WorkId, bool Interested, string Channel, string MessageTs, JsonObject Payload);

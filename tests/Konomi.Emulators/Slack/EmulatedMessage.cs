using System.Text.Json.Nodes;

namespace Konomi.Emulators.Slack;

/// <summary>A message as the emulator holds it: where, its ts, its current text and blocks, and the metadata it was posted with.</summary>
public sealed record EmulatedMessage(string Channel, string Ts, string Text, JsonArray Blocks, DateTimeOffset PostedAt, JsonObject? Metadata = null);

using System.Text.Json.Nodes;

namespace Konomi.Emulators.Slack;

/// <summary>A chat.postEphemeral message: shown in <paramref name="Channel"/> to <paramref name="User"/> alone.</summary>
public sealed record EphemeralMessage(string Channel, string User, string Ts, string Text, JsonArray Blocks);

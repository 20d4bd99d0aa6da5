using System.Text.Json.Nodes;

namespace Konomi.Emulators.Slack;

/// <summary>An envelope the emulator pushed and keeps pushing on each new connection until it is acknowledged.</summary>
public sealed record SocketModeEnvelope(string EnvelopeId, string Type, JsonObject Payload)
{
    public int RetryAttempt { get; set; }

    public string ToJson() => new JsonObject
    {
        ["envelope_id"] = EnvelopeId,
        ["type"] = Type,
        ["payload"] = Payload.DeepClone(),
        ["accepts_response_payload"] = false,
        ["retry_attempt"] = RetryAttempt,
        ["retry_reason"] = RetryAttempt == 0 ? "" : "timeout",
    }.ToJsonString();
}

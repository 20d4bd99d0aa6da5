using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Konomi.Feedback;

/// <summary>
/// One Socket Mode connection: reads whole messages (Slack may split one over several frames), records
/// interactive clicks and acknowledges every envelope by its id. An interactive envelope is acknowledged
/// right after its click is stored, so a click whose store write failed stays unacknowledged and Slack
/// delivers it again (with <c>retry_attempt</c>); the click id makes the second delivery a no-op.
/// </summary>
public sealed partial class SocketModeSession(WebSocket socket, ClickRecorder recorder, int maxMessageBytes, ILogger logger)
{
    public const string Source = "slack-socket";

    /// <summary>Slack said hello on this connection: it worked, so the reconnect backoff starts over.</summary>
    public bool Greeted { get; private set; }

    /// <summary>Runs until Slack asks for a reconnect (true) or the connection closes (false).</summary>
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult frame;
            do
            {
                frame = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), ct);
                if (frame.MessageType == WebSocketMessageType.Close)
                    return false;
                buffer.Advance(frame.Count);
                if (buffer.WrittenCount > maxMessageBytes)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", ct);
                    return false;
                }
            } while (!frame.EndOfMessage);

            if (await HandleAsync(buffer.WrittenSpan.ToArray(), ct))
                return true;
        }
    }

    async Task<bool> HandleAsync(byte[] message, CancellationToken ct)
    {
        JsonObject? envelope;
        string? type;
        try
        {
            envelope = JsonNode.Parse(message) as JsonObject;
            type = Text(envelope, "type");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Not JSON, or a property twice (JsonObject notices that on first read).
            LogNotJson(logger, e);
            return false;
        }
        switch (type)
        {
            case "hello":
                Greeted = true;
                LogConnected(logger);
                return false;
            case "disconnect":
                LogAskedToReconnect(logger, Text(envelope, "reason"));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", ct);
                return true;
        }
        if (Text(envelope, "envelope_id") is not { Length: > 0 } envelopeId)
        {
            LogNoEnvelopeId(logger, type);
            return false;
        }
        if (type == "interactive" && !await RecordAsync(envelope!, envelopeId, ct))
            return false;
        await socket.SendAsync(Encoding.UTF8.GetBytes(new JsonObject { ["envelope_id"] = envelopeId }.ToJsonString()),
            WebSocketMessageType.Text, endOfMessage: true, ct);
        return false;
    }

    /// <summary>False when the click could not be stored: the envelope stays unacknowledged for Slack to retry.</summary>
    async Task<bool> RecordAsync(JsonObject envelope, string envelopeId, CancellationToken ct)
    {
        if (!BlockActions.TryRead(envelope["payload"], out var click, out var problem))
        {
            // Delivering it again would not make it readable: acknowledge, store nothing.
            LogMalformed(logger, envelopeId, problem);
            return true;
        }
        if (click is null)
            return true;
        try
        {
            await recorder.RecordAsync(click, Source, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotStored(logger, e, click.ClickId, envelopeId, envelope["retry_attempt"]?.ToJsonString());
            return false;
        }
    }

    static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [LoggerMessage(1, LogLevel.Warning, "Ignored a Socket Mode message that is not a JSON envelope")]
    static partial void LogNotJson(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Socket Mode connected")]
    static partial void LogConnected(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Slack asked to reconnect ({Reason})")]
    static partial void LogAskedToReconnect(ILogger logger, string? reason);

    [LoggerMessage(4, LogLevel.Warning, "Ignored a Socket Mode message of type {Type} without envelope_id")]
    static partial void LogNoEnvelopeId(ILogger logger, string? type);

    [LoggerMessage(5, LogLevel.Warning, "Malformed interaction in envelope {EnvelopeId}: {Problem}")]
    static partial void LogMalformed(ILogger logger, string envelopeId, string? problem);

    [LoggerMessage(6, LogLevel.Error, "Could not store click {ClickId} (envelope {EnvelopeId}, retry {Retry}); leaving it for Slack to redeliver")]
    static partial void LogNotStored(ILogger logger, Exception exception, string clickId, string envelopeId, string? retry);
}

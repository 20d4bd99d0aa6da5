using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace Konomi.Emulators.Slack;

// Slack's Socket Mode side: the one-use ws:// URL that apps.connections.open hands out (Slack's wss://
// on loopback), hello on each connection, envelopes shaped like Slack's pushed on demand, every
// acknowledgement recorded, and an envelope still unacknowledged when a connection ends delivered again
// on the next one with retry_attempt raised. Connections can end politely (disconnect) or abruptly (drop).
public sealed partial class SlackEmulator
{
    readonly ConcurrentDictionary<string, bool> _usedTickets = new();
    readonly ConcurrentDictionary<string, SocketModeEnvelope> _unacknowledged = new();
    readonly ConcurrentQueue<string> _acks = new();
    readonly ConcurrentQueue<string> _lostAcks = new();
    readonly SemaphoreSlim _socketSend = new(1, 1);
    TaskCompletionSource<WebSocket> _socket = new(TaskCreationOptions.RunContinuationsAsynchronously);
    HttpContext? _socketContext;
    int _nextEnvelope;
    int _socketConnections;
    int _loseNextAck;

    /// <summary>Socket Mode connections that got their hello.</summary>
    public int SocketConnections => Volatile.Read(ref _socketConnections);

    /// <summary>Envelope ids the client acknowledged, in order, repeats included.</summary>
    public IReadOnlyList<string> SocketAcks => [.. _acks];

    /// <summary>Sends each envelope in several frames, as Slack may, so a client must reassemble messages.</summary>
    public bool SplitSocketFrames { get; set; } = true;

    /// <summary>Waits for a greeted connection, sends an envelope (interactive, events_api, ...) and returns its id.</summary>
    public async Task<string> PushEnvelopeAsync(string type, JsonObject payload, CancellationToken ct)
    {
        var socket = await _socket.Task.WaitAsync(ct);
        var envelope = new SocketModeEnvelope($"env-{Interlocked.Increment(ref _nextEnvelope):D4}", type, payload);
        _unacknowledged[envelope.EnvelopeId] = envelope;
        await SendOnSocketAsync(socket, envelope.ToJson(), SplitSocketFrames, ct);
        return envelope.EnvelopeId;
    }

    /// <summary>Pushes a <c>block_actions</c> payload (see <see cref="SlackInteraction"/>) as an interactive envelope.</summary>
    public Task<string> PushInteractionAsync(JsonObject blockActions, CancellationToken ct) => PushEnvelopeAsync("interactive", blockActions, ct);

    /// <summary>Sends any text as one message: what a broken peer or a corrupted frame might deliver.</summary>
    public async Task SendRawSocketMessageAsync(string text, CancellationToken ct)
    {
        var socket = await _socket.Task.WaitAsync(ct);
        await SendOnSocketAsync(socket, text, false, ct);
    }

    /// <summary>Slack's polite goodbye: the client should come back on a fresh URL.</summary>
    public async Task SendSocketDisconnectAsync(string reason, CancellationToken ct)
    {
        var socket = await _socket.Task.WaitAsync(ct);
        await SendOnSocketAsync(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = reason }.ToJsonString(), false, ct);
    }

    /// <summary>Cuts the connection with no close handshake, as a network failure would.</summary>
    public void DropSocket()
    {
        _socket = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _socketContext?.Abort();
    }

    /// <summary>The next acknowledgement is lost on its way, so that envelope stays due for redelivery.</summary>
    public void LoseNextSocketAck() => Interlocked.Exchange(ref _loseNextAck, 1);

    /// <summary>Envelope ids whose acknowledgement was lost (see <see cref="LoseNextSocketAck"/>).</summary>
    public IReadOnlyList<string> LostSocketAcks => [.. _lostAcks];

    public async Task WaitForSocketAckAsync(string envelopeId, CancellationToken ct)
    {
        while (!_acks.Contains(envelopeId))
            await Task.Delay(10, ct);
    }

    public async Task WaitForSocketConnectionsAsync(int count, CancellationToken ct)
    {
        while (SocketConnections < count)
            await Task.Delay(10, ct);
    }

    partial void MapSocketMode(WebApplication app)
    {
        app.UseWebSockets();
        app.Map("/link", AcceptSocketAsync);
    }

    async Task AcceptSocketAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        if (!context.WebSockets.IsWebSocketRequest || !_tickets.Contains(ticket) || !_usedTickets.TryAdd(ticket, true))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        _socketContext = context;
        try
        {
            await GreetAsync(socket, context.RequestAborted);
            // The newest connection is the one to talk on, even while the old one is still closing: a
            // client that reconnects after `disconnect` opens the new socket before the old one is gone.
            if (!_socket.TrySetResult(socket))
            {
                var newest = new TaskCompletionSource<WebSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
                newest.SetResult(socket);
                _socket = newest;
            }
            await ReadAcksAsync(socket, context.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // Dropped on purpose (DropSocket) or by the client going away.
        }
        finally
        {
            if (_socket.Task.IsCompletedSuccessfully && _socket.Task.Result == socket)
                _socket = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    async Task GreetAsync(WebSocket socket, CancellationToken ct)
    {
        await SendOnSocketAsync(socket, """{"type":"hello","num_connections":1,"debug_info":{"host":"emulator"},"connection_info":{"app_id":"A0KONOMI"}}""", false, ct);
        Interlocked.Increment(ref _socketConnections);
        foreach (var envelope in _unacknowledged.Values.OrderBy(e => e.EnvelopeId, StringComparer.Ordinal))
        {
            envelope.RetryAttempt++;
            await SendOnSocketAsync(socket, envelope.ToJson(), SplitSocketFrames, ct);
        }
    }

    async Task ReadAcksAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
                length += result.Count;
            } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }
            if (JsonNode.Parse(buffer.AsSpan(0, length)) is not JsonObject ack || ack["envelope_id"]?.GetValue<string>() is not { } id)
                continue;
            if (Interlocked.Exchange(ref _loseNextAck, 0) == 1)
            {
                _lostAcks.Enqueue(id);
                continue;
            }
            _acks.Enqueue(id);
            _unacknowledged.TryRemove(id, out _);
        }
    }

    async Task SendOnSocketAsync(WebSocket socket, string json, bool split, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var frame = split ? Math.Max(1, bytes.Length / 3) : bytes.Length;
        await _socketSend.WaitAsync(ct);
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += frame)
            {
                var count = Math.Min(frame, bytes.Length - offset);
                await socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count == bytes.Length, ct);
            }
        }
        finally
        {
            _socketSend.Release();
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Konomi.Emulators.Slack;

/// <summary>
/// Slack's Socket Mode side on loopback: <see cref="OpenConnection"/> is what apps.connections.open hands
/// out (a one-use <c>ws://</c> URL, Slack's <c>wss://</c> on loopback), each connection gets <c>hello</c>,
/// <see cref="PushAsync"/> sends envelopes shaped like Slack's, acknowledgements are recorded, and an
/// envelope still unacknowledged when a connection ends is delivered again on the next one with
/// <c>retry_attempt</c> raised. Connections can be ended politely (<c>disconnect</c>) or dropped abruptly.
/// </summary>
public sealed class SocketModeEmulator : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, bool> _tickets = new();
    readonly ConcurrentDictionary<string, SocketModeEnvelope> _unacknowledged = new();
    readonly ConcurrentQueue<string> _acks = new();
    readonly SemaphoreSlim _send = new(1, 1);
    TaskCompletionSource<WebSocket> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    HttpContext? _currentContext;
    int _nextEnvelope;

    SocketModeEmulator(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Connections that got their hello.</summary>
    public int Connections { get; private set; }

    /// <summary>Envelope ids acknowledged by the client, in order, repeats included.</summary>
    public IReadOnlyList<string> Acks => [.. _acks];

    /// <summary>Sends each envelope in several frames, as Slack may, so clients must reassemble messages.</summary>
    public bool SplitFrames { get; set; } = true;

    public static async Task<SocketModeEmulator> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new SocketModeEmulator(app);
        app.UseWebSockets();
        app.Map("/link", emulator.AcceptAsync);
        await app.StartAsync(ct);
        emulator.BaseUrl = new Uri(app.Urls.First());
        return emulator;
    }

    /// <summary>A fresh one-use WebSocket URL, as apps.connections.open returns.</summary>
    public Uri OpenConnection()
    {
        var ticket = Guid.NewGuid().ToString("N");
        _tickets[ticket] = true;
        return new Uri($"ws://{BaseUrl.Authority}/link?ticket={ticket}");
    }

    /// <summary>Waits for a greeted connection and sends an envelope; returns its id.</summary>
    public async Task<string> PushAsync(string type, JsonObject payload, CancellationToken ct)
    {
        var socket = await _connected.Task.WaitAsync(ct);
        var envelope = new SocketModeEnvelope($"env-{Interlocked.Increment(ref _nextEnvelope):D4}", type, payload);
        _unacknowledged[envelope.EnvelopeId] = envelope;
        await SendAsync(socket, envelope.ToJson(), SplitFrames, ct);
        return envelope.EnvelopeId;
    }

    public Task<string> PushInteractiveAsync(JsonObject blockActions, CancellationToken ct) => PushAsync("interactive", blockActions, ct);

    /// <summary>Slack's polite goodbye: the client should come back on a fresh URL.</summary>
    public async Task SendDisconnectAsync(string reason, CancellationToken ct)
    {
        var socket = await _connected.Task.WaitAsync(ct);
        await SendAsync(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = reason }.ToJsonString(), false, ct);
    }

    /// <summary>Cuts the TCP connection with no close handshake, as a network failure would.</summary>
    public void Drop()
    {
        _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _currentContext?.Abort();
    }

    /// <summary>Waits until <paramref name="envelopeId"/> was acknowledged at least once.</summary>
    public async Task WaitForAckAsync(string envelopeId, CancellationToken ct)
    {
        while (!_acks.Contains(envelopeId))
            await Task.Delay(10, ct);
    }

    /// <summary>Waits until <paramref name="count"/> connections have been greeted.</summary>
    public async Task WaitForConnectionsAsync(int count, CancellationToken ct)
    {
        while (Connections < count)
            await Task.Delay(10, ct);
    }

    async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || !_tickets.TryRemove(context.Request.Query["ticket"].ToString(), out _))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        _currentContext = context;
        try
        {
            await GreetAsync(socket, context.RequestAborted);
            _connected.TrySetResult(socket);
            await ReadAcksAsync(socket, context.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // Dropped on purpose (Drop) or by the client going away.
        }
        finally
        {
            if (_connected.Task.IsCompletedSuccessfully && _connected.Task.Result == socket)
                _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    async Task GreetAsync(WebSocket socket, CancellationToken ct)
    {
        await SendAsync(socket, """{"type":"hello","num_connections":1,"debug_info":{"host":"emulator"},"connection_info":{"app_id":"A0KONOMI"}}""", false, ct);
        Connections++;
        foreach (var envelope in _unacknowledged.Values.OrderBy(e => e.EnvelopeId, StringComparer.Ordinal))
        {
            envelope.RetryAttempt++;
            await SendAsync(socket, envelope.ToJson(), SplitFrames, ct);
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
            if (JsonNode.Parse(buffer.AsSpan(0, length)) is JsonObject ack && ack["envelope_id"]?.GetValue<string>() is { } id)
            {
                _acks.Enqueue(id);
                _unacknowledged.TryRemove(id, out _);
            }
        }
    }

    async Task SendAsync(WebSocket socket, string json, bool split, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var frame = split ? Math.Max(1, bytes.Length / 3) : bytes.Length;
        await _send.WaitAsync(ct);
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
            _send.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _currentContext?.Abort();
        await _app.DisposeAsync();
    }
}

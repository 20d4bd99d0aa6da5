using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Konomi.Emulators.Slack;

/// <summary>
/// A local Slack: a Kestrel server on 127.0.0.1 with a free port that speaks the documented request and
/// response shapes of chat.postMessage (with message metadata), chat.update, conversations.history, conversations.open,
/// auth.test and apps.connections.open, checks tokens, scopes and Block Kit limits, answers injected faults, and
/// records every message for assertions.
/// <para>
/// Extending it: this is a partial class. The Socket Mode part lives in files named <c>SocketMode*.cs</c>
/// of this folder and implements <see cref="MapSocketMode"/> (called before the server starts, so it can
/// add middleware such as <c>UseWebSockets</c> and endpoints). apps.connections.open answers with
/// <see cref="SocketModeUrl"/> and remembers each ticket in <see cref="SocketTickets"/>.
/// </para>
/// </summary>
public sealed partial class SlackEmulator : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly Lock _gate = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<SlackFault>> _faults = new();
    readonly ConcurrentDictionary<string, int> _calls = new();
    readonly ConcurrentQueue<string> _tickets = new();

    SlackEmulator(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        MapSocketMode(_app);
        _app.MapPost("/api/{method}", HandleAsync);
    }

    /// <summary>Starts a fresh emulator: its own tokens, one channel (<see cref="GeneralChannel"/>), no messages.</summary>
    /// <param name="port">0 (a free port) in tests; a fixed one for a person trying Konomi against it.</param>
    public static async Task<SlackEmulator> StartAsync(CancellationToken ct = default, int port = 0)
    {
        var emulator = new SlackEmulator(port);
        await emulator._app.StartAsync(ct);
        emulator.BaseAddress = new Uri(emulator._app.Urls.First().TrimEnd('/') + "/");
        return emulator;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What <c>Slack:ApiBaseUrl</c> should be to talk to this emulator.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "api/");

    public string BotToken { get; } = "xoxb-emulator-" + Guid.NewGuid().ToString("N");
    public string AppToken { get; } = "xapp-1-emulator-" + Guid.NewGuid().ToString("N");
    public string GeneralChannel { get; } = "C0GENERAL";

    /// <summary>The bot user auth.test names.</summary>
    public string BotUserId { get; } = "U0KONOMIBOT";

    /// <summary>The OAuth scopes granted to the bot token, reported by auth.test in x-oauth-scopes; a test may take some away.</summary>
    public List<string> BotScopes { get; } = ["chat:write", "im:write", "channels:history", "groups:history", "im:history"];

    /// <summary>Configuration that points Konomi's Slack client at this emulator.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Slack:BotToken"] = BotToken,
        ["Slack:AppToken"] = AppToken,
        ["Slack:ApiBaseUrl"] = ApiBaseUrl.ToString(),
    };

    /// <summary>Answers the next <paramref name="times"/> calls of <paramref name="method"/> with <paramref name="fault"/>.</summary>
    public void FailNext(string method, SlackFault fault, int times = 1)
    {
        var queue = _faults.GetOrAdd(method, _ => new ConcurrentQueue<SlackFault>());
        for (var i = 0; i < times; i++)
            queue.Enqueue(fault);
    }

    /// <summary>Every call of <paramref name="method"/> that reached the emulator, faults included.</summary>
    public int Calls(string method) => _calls.GetValueOrDefault(method);

    /// <summary>Socket Mode tickets handed out by apps.connections.open, oldest first.</summary>
    public IReadOnlyList<string> SocketTickets => [.. _tickets];

    /// <summary>The WebSocket URL apps.connections.open hands out for a ticket.</summary>
    public Uri SocketModeUrl(string ticket) => new($"ws://{BaseAddress.Authority}/link/?ticket={ticket}");

    /// <summary>Adds the Socket Mode endpoints (see the SocketMode*.cs files); nothing when they are absent.</summary>
    partial void MapSocketMode(WebApplication app);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

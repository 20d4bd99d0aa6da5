using System.Net.WebSockets;
using Konomi.Slack;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Konomi.Feedback;

/// <summary>
/// Keeps one Socket Mode connection open: a fresh URL from apps.connections.open for every connection, straight
/// back after a connection Slack greeted ends (its <c>disconnect</c>, or a drop), and through the
/// <see cref="Reconnect"/> pipeline (forever, doubling jittered waits up to <c>Feedback:Reconnect:MaxDelay</c>) while
/// connections are refused or fail before Slack's hello. Idle, saying so once, when Socket Mode is not the mode or has no app token.
/// </summary>
public sealed partial class SocketModeService(
    ISlackApi slack,
    ClickRecorder recorder,
    IOptions<FeedbackOptions> options,
    IOptionsMonitor<SlackOptions> slackOptions,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<SocketModeService> logger) : BackgroundService
{
    /// <summary>The named Polly pipeline a connection attempt runs through (<c>Feedback:Reconnect:*</c>).</summary>
    public const string Reconnect = "feedback-socket-mode";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Mode == FeedbackMode.Http)
        {
            if (string.IsNullOrEmpty(slackOptions.CurrentValue.SigningSecret))
                LogIdle(logger, "Feedback:Mode is http but Slack:SigningSecret is not set");
            return;
        }
        if (string.IsNullOrEmpty(slackOptions.CurrentValue.AppToken))
        {
            LogIdle(logger, "no Slack:AppToken for Socket Mode");
            return;
        }

        var reconnect = pipelines.GetPipeline(Reconnect);
        try
        {
            // Each round is one greeted connection; its backoff starts over once Slack said hello.
            while (!stoppingToken.IsCancellationRequested)
                await reconnect.ExecuteAsync(ConnectAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (SlackApiException e) when (RefusesTheAppToken(e))
        {
            // Settings are read once, at start: no later attempt of this process could succeed.
            LogAppTokenRefused(logger, e.Error);
        }
    }

    /// <summary>Slack refuses the token itself (wrong, revoked, a bot token, without connections:write), not this one connection.</summary>
    internal static bool RefusesTheAppToken(Exception e) =>
        e is SlackApiException { Method: "apps.connections.open" } refused
        && (SlackErrors.RefusesTheApp(refused.Error) || refused.Error == "not_allowed_token_type");

    /// <summary>
    /// One connection, until it ends. Returns once Slack had greeted it, whatever ended it; throws when it never
    /// got that far, so the pipeline waits before the next one.
    /// </summary>
    async ValueTask ConnectAsync(CancellationToken ct)
    {
        var url = await slack.OpenSocketConnectionAsync(ct);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, ct);
        var session = new SocketModeSession(socket, recorder, options.Value.MaxPayloadBytes, logger);
        try
        {
            if (!await session.RunAsync(ct) && session.Greeted)
                LogDropped(logger, null);
        }
        catch (Exception e) when (session.Greeted && !ct.IsCancellationRequested)
        {
            // A working connection that broke: reconnect at once; if that fails, the pipeline backs off.
            LogDropped(logger, e);
        }
        if (!session.Greeted)
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "the Socket Mode connection closed before Slack's hello");
    }

    [LoggerMessage(1, LogLevel.Information, "Feedback is idle: {Reason}")]
    static partial void LogIdle(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Socket Mode connection closed; reconnecting")]
    static partial void LogDropped(ILogger logger, Exception? exception);

    [LoggerMessage(3, LogLevel.Warning, "Socket Mode connection failed (attempt {Attempt}); reconnecting in {DelaySeconds:0.#} s")]
    internal static partial void LogReconnecting(ILogger logger, Exception? exception, int attempt, double delaySeconds);

    [LoggerMessage(4, LogLevel.Error, "Slack refuses Slack:AppToken ({Error}): 興味あり!/別に… clicks are not heard until it is the app-level token (xapp-…, with connections:write) and Konomi restarts; `konomi slack check` says what is wrong")]
    static partial void LogAppTokenRefused(ILogger logger, string error);
}

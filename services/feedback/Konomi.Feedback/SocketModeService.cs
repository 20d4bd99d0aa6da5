using System.Net.WebSockets;
using Konomi.Slack;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Feedback;

/// <summary>
/// Keeps one Socket Mode connection open: a fresh URL from apps.connections.open for every connection,
/// straight back when Slack sends <c>disconnect</c>, doubling waits (with jitter) after a dropped or
/// refused connection. Idle, saying so once, when Socket Mode is not the mode or has no app token.
/// </summary>
public sealed class SocketModeService(
    ISlackApi slack,
    ClickRecorder recorder,
    IOptions<FeedbackOptions> options,
    IOptionsMonitor<SlackOptions> slackOptions,
    ILogger<SocketModeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feedback = options.Value;
        if (feedback.Mode == FeedbackMode.Http)
        {
            if (string.IsNullOrEmpty(slackOptions.CurrentValue.SigningSecret))
                logger.LogInformation("Feedback is idle: Feedback:Mode is http but Slack:SigningSecret is not set");
            return;
        }
        if (string.IsNullOrEmpty(slackOptions.CurrentValue.AppToken))
        {
            logger.LogInformation("Feedback is idle: no Slack:AppToken for Socket Mode");
            return;
        }

        var delay = feedback.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await slack.OpenSocketConnectionAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, stoppingToken);
                var session = new SocketModeSession(socket, recorder, feedback.MaxPayloadBytes, logger);
                var asked = await session.RunAsync(stoppingToken);
                if (session.Greeted)
                    delay = feedback.ReconnectDelay;
                // Straight back after a goodbye on a working connection; backoff if Slack keeps refusing.
                if (asked && session.Greeted)
                    continue;
                logger.LogWarning("Socket Mode connection closed; reconnecting in about {Delay}", delay);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever broke this connection, the listener must outlive it: clicks only arrive while connected.
                logger.LogWarning(e, "Socket Mode connection failed; reconnecting in about {Delay}", delay);
            }
            await Task.Delay(delay * (0.5 + Random.Shared.NextDouble() / 2), stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, feedback.MaxReconnectDelay.Ticks));
        }
    }
}

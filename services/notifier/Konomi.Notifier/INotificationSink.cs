using Konomi.Slack;

namespace Konomi.Notifier;

/// <summary>Where notifications are shown: Slack when a bot token is configured, the log otherwise.</summary>
public interface INotificationSink
{
    /// <summary>Posts to a <see cref="NotificationTarget"/>; throws <see cref="SlackApiException"/> when refused.</summary>
    Task<PostedMessage> PostAsync(string target, SlackMessage message, CancellationToken ct);
}

using Konomi.Slack;
using Konomi.Storage.Ports;

namespace Konomi.Notifier;

/// <summary>Where notifications are shown: Slack when a bot token is configured, the log otherwise.</summary>
public interface INotificationSink
{
    /// <summary>
    /// Posts the message showing <paramref name="entries"/> to a <see cref="NotificationTarget"/>; throws
    /// <see cref="SlackApiException"/> when refused.
    /// </summary>
    Task<PostedMessage> PostAsync(string target, SlackMessage message, IReadOnlyList<Notification> entries, CancellationToken ct);

    /// <summary>
    /// Which of <paramref name="entries"/> are already shown at the target (posted by an attempt that died before
    /// recording it), by work id. Throws <see cref="SlackApiException"/> when the target cannot be read.
    /// </summary>
    Task<IReadOnlyDictionary<string, PostedMessage>> FindPostedAsync(string target, IReadOnlyList<Notification> entries, CancellationToken ct);
}

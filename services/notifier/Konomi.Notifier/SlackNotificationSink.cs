using System.Collections.Concurrent;
using Konomi.Slack;

namespace Konomi.Notifier;

/// <summary>Posts to a channel, or to a user's DM channel opened (once per user) with conversations.open.</summary>
public sealed class SlackNotificationSink(ISlackApi slack) : INotificationSink
{
    readonly ConcurrentDictionary<string, string> _directChannels = new();

    public async Task<PostedMessage> PostAsync(string target, SlackMessage message, CancellationToken ct)
    {
        if (NotificationTarget.IsUnrouted(target))
            throw new SlackApiException("chat.postMessage", "no_slack_target", transient: false);
        var channel = NotificationTarget.SlackUser(target) is { } user ? await DirectChannelAsync(user, ct) : target;
        return await slack.PostMessageAsync(channel, message.Text, message.Blocks, ct);
    }

    async Task<string> DirectChannelAsync(string slackUserId, CancellationToken ct)
    {
        if (_directChannels.TryGetValue(slackUserId, out var channel))
            return channel;
        channel = await slack.OpenDirectMessageAsync(slackUserId, ct);
        return _directChannels.GetOrAdd(slackUserId, channel);
    }
}

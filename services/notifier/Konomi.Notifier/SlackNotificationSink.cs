using System.Collections.Concurrent;
using Konomi.Slack;

namespace Konomi.Notifier;

/// <summary>
/// Posts to a channel, or to a user's DM channel opened (once per user) with conversations.open; a message Slack
/// refuses as invalid_blocks is posted once more without its images.
/// </summary>
public sealed class SlackNotificationSink(ISlackApi slack) : INotificationSink
{
    // Lazy so concurrent posts to one user share a single conversations.open.
    readonly ConcurrentDictionary<string, Lazy<Task<string>>> _directChannels = new();

    public async Task<PostedMessage> PostAsync(string target, SlackMessage message, CancellationToken ct)
    {
        if (NotificationTarget.IsUnrouted(target))
            throw new SlackApiException("chat.postMessage", "no_slack_target", transient: false);
        var channel = NotificationTarget.SlackUser(target) is { } user ? await DirectChannelAsync(user, ct) : target;
        try
        {
            return await slack.PostMessageAsync(channel, message.Text, message.Blocks, ct);
        }
        catch (SlackApiException e) when (e.Error == "invalid_blocks" && message.WithoutImages() is { } plain)
        {
            // Slack refuses a whole message when it cannot download one image (a thumbnail gone or blocked):
            // the work is worth more than its picture.
            return await slack.PostMessageAsync(channel, plain.Text, plain.Blocks, ct);
        }
    }

    async Task<string> DirectChannelAsync(string slackUserId, CancellationToken ct)
    {
        var opening = _directChannels.GetOrAdd(slackUserId, id => new(() => slack.OpenDirectMessageAsync(id, CancellationToken.None)));
        try
        {
            return await opening.Value.WaitAsync(ct);
        }
        catch when (opening.Value.IsFaulted || opening.Value.IsCanceled)
        {
            // A failed open is forgotten, so the next post asks Slack again.
            _directChannels.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(slackUserId, opening));
            throw;
        }
    }
}

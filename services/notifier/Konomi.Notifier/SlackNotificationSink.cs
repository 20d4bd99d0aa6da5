using System.Collections.Concurrent;
using Konomi.Slack;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Konomi.Notifier;

/// <summary>
/// Posts to a channel, or to a user's DM channel opened (once per user) with conversations.open; a message Slack
/// refuses as invalid_blocks is posted once more without its images. Every post carries
/// <see cref="NotificationMetadata"/>, by which <see cref="FindPostedAsync"/> finds it in the channel's history.
/// </summary>
public sealed partial class SlackNotificationSink(ISlackApi slack, ILogger<SlackNotificationSink> logger) : INotificationSink
{
    // Slack stamps posts on its own clock; an entry's CreatedAt is on ours.
    static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    // Lazy so concurrent posts to one user share a single conversations.open.
    readonly ConcurrentDictionary<string, Lazy<Task<string>>> _directChannels = new();

    public async Task<PostedMessage> PostAsync(string target, SlackMessage message, IReadOnlyList<Notification> entries, CancellationToken ct)
    {
        var channel = await ChannelAsync(target, ct);
        var metadata = NotificationMetadata.For(entries);
        try
        {
            return await slack.PostMessageAsync(channel, message.Text, message.Blocks, metadata, ct);
        }
        catch (SlackApiException e) when (e.Error == "invalid_blocks" && message.WithoutImages() is { } plain)
        {
            // Slack refuses a whole message when it cannot download one image (a thumbnail gone or blocked):
            // the work is worth more than its picture. Said, as a blocked image host would otherwise go unseen.
            LogPostedWithoutImages(logger, channel, e.Error);
            return await slack.PostMessageAsync(channel, plain.Text, plain.Blocks, metadata, ct);
        }
    }

    public async Task<IReadOnlyDictionary<string, PostedMessage>> FindPostedAsync(string target, IReadOnlyList<Notification> entries, CancellationToken ct)
    {
        var channel = await ChannelAsync(target, ct);
        var wanted = entries.Select(e => e.WorkId).ToHashSet();
        var found = new Dictionary<string, PostedMessage>();
        // No entry was posted before it was created: the history since then is all there is to read.
        var oldest = entries.Min(e => e.CreatedAt) - ClockSkew;
        await foreach (var message in slack.HistoryAsync(channel, oldest, ct))
        {
            foreach (var workId in NotificationMetadata.WorkIds(message.Metadata, entries[0].UserId))
                if (wanted.Contains(workId))
                    found.TryAdd(workId, new PostedMessage(channel, message.Ts));
            if (found.Count == wanted.Count)
                break;
        }
        return found;
    }

    async Task<string> ChannelAsync(string target, CancellationToken ct)
    {
        if (NotificationTarget.IsUnrouted(target))
            throw new SlackApiException("chat.postMessage", "no_slack_target", transient: false);
        return NotificationTarget.SlackUser(target) is { } user ? await DirectChannelAsync(user, ct) : target;
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

    [LoggerMessage(1, LogLevel.Warning, "Slack refused a post to {Channel} for its blocks ({Error}): posted again without its images (a thumbnail Slack could not fetch)")]
    static partial void LogPostedWithoutImages(ILogger logger, string channel, string error);
}

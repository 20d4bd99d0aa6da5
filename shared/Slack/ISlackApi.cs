using System.Text.Json.Nodes;

namespace Konomi.Slack;

/// <summary>
/// The Slack Web API methods Konomi calls. Failures (ok:false, exhausted retries) throw
/// <see cref="SlackApiException"/> carrying Slack's error code.
/// </summary>
public interface ISlackApi
{
    /// <summary>
    /// chat.postMessage; returns where the message landed. With <paramref name="metadata"/>, an answer lost to a
    /// timeout, a 5xx or a reset is not blindly retried (Slack may have posted): the channel's history is searched
    /// for a message with the same metadata first, and only when none is there is it posted again.
    /// </summary>
    Task<PostedMessage> PostMessageAsync(string channel, string text, JsonArray blocks, SlackMetadata? metadata = null, CancellationToken ct = default);

    /// <summary>
    /// conversations.history of <paramref name="channel"/> after <paramref name="oldest"/>, newest first, with every
    /// message's metadata (<c>include_all_metadata</c>), page after page by cursor. Needs channels:history,
    /// groups:history or im:history for the kind of conversation.
    /// </summary>
    IAsyncEnumerable<HistoryMessage> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken ct = default);

    /// <summary>chat.update of a message Konomi posted.</summary>
    Task UpdateMessageAsync(string channel, string messageTs, string text, JsonArray blocks, CancellationToken ct = default);

    /// <summary>chat.postEphemeral: a message only <paramref name="slackUserId"/> sees, in <paramref name="channel"/>, gone on reload.</summary>
    Task PostEphemeralAsync(string channel, string slackUserId, string text, CancellationToken ct = default);

    /// <summary>conversations.open with one user; returns the DM channel id.</summary>
    Task<string> OpenDirectMessageAsync(string slackUserId, CancellationToken ct = default);

    /// <summary>auth.test with the bot token: who the token is, and the scopes Slack granted it.</summary>
    Task<SlackIdentity> AuthTestAsync(CancellationToken ct = default);

    /// <summary>apps.connections.open with the app-level token; returns the Socket Mode WebSocket URL.</summary>
    Task<Uri> OpenSocketConnectionAsync(CancellationToken ct = default);
}

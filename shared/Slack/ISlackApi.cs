using System.Text.Json.Nodes;

namespace Konomi.Slack;

/// <summary>
/// The Slack Web API methods Konomi calls. Failures (ok:false, exhausted retries) throw
/// <see cref="SlackApiException"/> carrying Slack's error code.
/// </summary>
public interface ISlackApi
{
    /// <summary>chat.postMessage; returns where the message landed.</summary>
    Task<PostedMessage> PostMessageAsync(string channel, string text, JsonArray blocks, CancellationToken ct = default);

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

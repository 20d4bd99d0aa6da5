using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Konomi.Slack;

/// <summary>
/// The Slack Web API over the named <see cref="HttpClient"/> <see cref="HttpClientName"/>, whose resilience
/// handler retries 429 (after Retry-After), 5xx and timeouts. A singleton: clients come from the factory per
/// call. Tokens travel only in the Authorization header, which nothing logs.
/// </summary>
public sealed partial class SlackApi(IHttpClientFactory clients, IOptions<SlackOptions> options, ChannelPostLimiter limiter, ILogger<SlackApi> logger)
    : ISlackApi
{
    public const string HttpClientName = "slack";

    public async Task<PostedMessage> PostMessageAsync(string channel, string text, JsonArray blocks, CancellationToken ct = default)
    {
        using var lease = await limiter.AcquireAsync(channel, ct);
        var body = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = text,
            ["blocks"] = blocks.DeepClone(),
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
        var reply = await CallAsync("chat.postMessage", options.Value.BotToken, body, ct);
        return new PostedMessage(Read(reply, "chat.postMessage", "channel"), Read(reply, "chat.postMessage", "ts"));
    }

    public async Task UpdateMessageAsync(string channel, string messageTs, string text, JsonArray blocks, CancellationToken ct = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["ts"] = messageTs, ["text"] = text, ["blocks"] = blocks.DeepClone() };
        await CallAsync("chat.update", options.Value.BotToken, body, ct);
    }

    public async Task PostEphemeralAsync(string channel, string slackUserId, string text, CancellationToken ct = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["user"] = slackUserId, ["text"] = text };
        await CallAsync("chat.postEphemeral", options.Value.BotToken, body, ct);
    }

    public async Task<string> OpenDirectMessageAsync(string slackUserId, CancellationToken ct = default)
    {
        var reply = await CallAsync("conversations.open", options.Value.BotToken, new JsonObject { ["users"] = slackUserId }, ct);
        return reply["channel"]?["id"]?.GetValue<string>()
            ?? throw new SlackApiException("conversations.open", "invalid_response", transient: true);
    }

    public async Task<SlackIdentity> AuthTestAsync(CancellationToken ct = default)
    {
        string? scopes = null;
        // Slack tells a token's scopes only in this response header.
        var reply = await CallAsync("auth.test", options.Value.BotToken, new JsonObject(), ct,
            response => scopes = response.Headers.TryGetValues("x-oauth-scopes", out var values) ? string.Join(",", values) : null);
        return new SlackIdentity(
            reply["team"]?.GetValue<string>() ?? "", reply["user"]?.GetValue<string>() ?? "", reply["user_id"]?.GetValue<string>() ?? "",
            [.. (scopes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
    }

    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken ct = default)
    {
        // The app-level token must be in the Authorization header; Slack refuses it as a body parameter.
        var reply = await CallAsync("apps.connections.open", options.Value.AppToken, body: null, ct);
        return new Uri(Read(reply, "apps.connections.open", "url"));
    }

    async Task<JsonObject> CallAsync(string method, string? token, JsonObject? body, CancellationToken ct, Action<HttpResponseMessage>? inspect = null)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw new SlackApiException(method, "not_authed", transient: false);

        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await SendAsync(method, request, ct);
        inspect?.Invoke(response);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            throw Refused(method, "ratelimited", transient: true);
        if (!response.IsSuccessStatusCode)
            throw Refused(method, $"http_{status}", transient: status >= 500);

        JsonObject? reply;
        try
        {
            reply = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        }
        catch (JsonException e)
        {
            // A proxy's error page, not Slack: worth another try later.
            throw new SlackApiException(method, "invalid_response", transient: true, e);
        }
        if (reply?["ok"]?.GetValueKind() == JsonValueKind.True)
            return reply;
        var error = reply?["error"]?.GetValue<string>() ?? "invalid_response";
        throw Refused(method, error, SlackErrors.IsTransient(error));
    }

    async Task<HttpResponseMessage> SendAsync(string method, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new SlackApiException(method, "timeout", transient: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new SlackApiException(method, "unreachable", transient: true, e);
        }
    }

    SlackApiException Refused(string method, string error, bool transient)
    {
        LogRefused(logger, method, error, transient);
        return new SlackApiException(method, error, transient);
    }

    static string Read(JsonObject reply, string method, string property) =>
        reply[property]?.GetValue<string>() ?? throw new SlackApiException(method, "invalid_response", transient: true);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} refused: {Error} (transient: {Transient})")]
    static partial void LogRefused(ILogger logger, string method, string error, bool transient);
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Registry;
using Polly.Timeout;

namespace Konomi.Slack;

/// <summary>
/// The Slack Web API over the named <see cref="HttpClient"/> <see cref="HttpClientName"/>, whose resilience
/// handler retries 429 (after Retry-After), 5xx and timeouts. A singleton: clients come from the factory per
/// call. Tokens travel only in the Authorization header, which nothing logs.
/// </summary>
public sealed partial class SlackApi(IHttpClientFactory clients, IOptions<SlackOptions> options, ChannelPostLimiter limiter, ResiliencePipelineProvider<string> pipelines,
    ILogger<SlackApi> logger)
    : ISlackApi
{
    public const string HttpClientName = "slack";

    /// <summary>chat.postMessage's client: it retries 429 alone, since after a timeout or a 5xx the post may be in the channel.</summary>
    public const string PostHttpClientName = "slack-post";

    /// <summary>
    /// The named Polly pipeline that posts again after an answer that may hide a post
    /// (<see cref="SlackApiException.MayHaveTakenEffect"/>), each try after a look-up found nothing (<c>Slack:Retry</c>).
    /// </summary>
    public const string PostLookup = "slack-post-lookup";

    static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);
    const int HistoryPage = 200;

    public async Task<PostedMessage> PostMessageAsync(string channel, string text, JsonArray blocks, SlackMetadata? metadata = null, CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = text,
            ["blocks"] = blocks.DeepClone(),
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
        if (metadata is null)
            return await PostOnceAsync(channel, body, ct);
        body["metadata"] = metadata.ToJson();
        // Slack stamps the post on its own clock: look back a little further than our first try.
        var since = TimeProvider.System.GetUtcNow() - ClockSkew;
        SlackApiException? lost = null;
        return await pipelines.GetPipeline(PostLookup).ExecuteAsync(async token =>
        {
            if (lost is not null && await FindPostedAsync(channel, metadata, since, lost, token) is { } found)
            {
                LogFoundAfterLostAnswer(logger, channel, found.Ts, lost.Error);
                return found;
            }
            try
            {
                return await PostOnceAsync(channel, body, token);
            }
            catch (SlackApiException e) when (e.MayHaveTakenEffect)
            {
                lost = e;
                throw;
            }
        }, ct);
    }

    async ValueTask<PostedMessage> PostOnceAsync(string channel, JsonObject body, CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(channel, ct);
        var reply = await CallAsync("chat.postMessage", options.Value.BotToken, Json(body), ct, PostHttpClientName);
        return new PostedMessage(Read(reply, "chat.postMessage", "channel"), Read(reply, "chat.postMessage", "ts"));
    }

    // A look-up that fails leaves the post's fate unknown: the caller gets the original, transient, error.
    async Task<PostedMessage?> FindPostedAsync(string channel, SlackMetadata metadata, DateTimeOffset since, SlackApiException lost, CancellationToken ct)
    {
        try
        {
            await foreach (var message in HistoryAsync(channel, since, ct))
                if (metadata.SameAs(message.Metadata))
                    return new PostedMessage(channel, message.Ts);
            return null;
        }
        catch (SlackApiException e)
        {
            throw new SlackApiException("chat.postMessage", lost.Error, transient: true, e);
        }
    }

    public async IAsyncEnumerable<HistoryMessage> HistoryAsync(string channel, DateTimeOffset oldest, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? cursor = null;
        do
        {
            var form = new Dictionary<string, string>
            {
                ["channel"] = channel,
                ["oldest"] = SlackTs.From(oldest),
                ["include_all_metadata"] = "true",
                ["limit"] = HistoryPage.ToString(CultureInfo.InvariantCulture),
            };
            if (cursor is not null)
                form["cursor"] = cursor;
            var reply = await CallAsync("conversations.history", options.Value.BotToken, new FormUrlEncodedContent(form), ct);
            foreach (var message in reply["messages"] as JsonArray ?? [])
                if (message?["ts"]?.GetValue<string>() is { } ts)
                    yield return new HistoryMessage(ts, SlackMetadata.From(message["metadata"]));
            // Slack may answer fewer messages than the limit and still have more: the cursor alone says so.
            cursor = reply["response_metadata"]?["next_cursor"]?.GetValue<string>() is { Length: > 0 } next ? next : null;
        }
        while (cursor is not null);
    }

    public async Task UpdateMessageAsync(string channel, string messageTs, string text, JsonArray blocks, CancellationToken ct = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["ts"] = messageTs, ["text"] = text, ["blocks"] = blocks.DeepClone() };
        await CallAsync("chat.update", options.Value.BotToken, Json(body), ct);
    }

    public async Task PostEphemeralAsync(string channel, string slackUserId, string text, CancellationToken ct = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["user"] = slackUserId, ["text"] = text };
        await CallAsync("chat.postEphemeral", options.Value.BotToken, Json(body), ct);
    }

    public async Task<string> OpenDirectMessageAsync(string slackUserId, CancellationToken ct = default)
    {
        var reply = await CallAsync("conversations.open", options.Value.BotToken, Json(new JsonObject { ["users"] = slackUserId }), ct);
        return reply["channel"]?["id"]?.GetValue<string>()
            ?? throw new SlackApiException("conversations.open", "invalid_response", transient: true);
    }

    public async Task<SlackIdentity> AuthTestAsync(CancellationToken ct = default)
    {
        string? scopes = null;
        // Slack tells a token's scopes only in this response header.
        var reply = await CallAsync("auth.test", options.Value.BotToken, Json(new JsonObject()), ct,
            inspect: response => scopes = response.Headers.TryGetValues("x-oauth-scopes", out var values) ? string.Join(",", values) : null);
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

    static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    async Task<JsonObject> CallAsync(string method, string? token, HttpContent? body, CancellationToken ct, string client = HttpClientName,
        Action<HttpResponseMessage>? inspect = null)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw new SlackApiException(method, "not_authed", transient: false);

        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await SendAsync(method, client, request, ct);
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

    async Task<HttpResponseMessage> SendAsync(string method, string client, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await clients.CreateClient(client).SendAsync(request, ct);
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

    [LoggerMessage(1, LogLevel.Warning, "Slack's answer to chat.postMessage in {Channel} was lost ({Error}) but the post is there ({Ts}); not posting it again")]
    static partial void LogFoundAfterLostAnswer(ILogger logger, string channel, string ts, string error);

    // Debug: every caller says what a refusal means to it (a post retried later, a FAIL line), once.
    [LoggerMessage(2, LogLevel.Debug, "Slack {Method} refused: {Error} (transient: {Transient})")]
    static partial void LogRefused(ILogger logger, string method, string error, bool transient);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Konomi.Emulators.Slack;

// The Web API methods: arguments as JSON or form, the token check, injected faults, then the method.
public sealed partial class SlackEmulator
{
    async Task HandleAsync(string method, HttpContext http)
    {
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        SlackFault? fault = null;
        if (_faults.TryGetValue(method, out var queue))
            queue.TryDequeue(out fault);
        var afterServing = fault is { AfterServing: true } ? fault : null;
        if (fault is { AfterServing: false })
        {
            if (fault.Delay is { } delay)
                await Task.Delay(delay, http.RequestAborted);
            else if (fault.Until is { } released)
                await released.WaitAsync(http.RequestAborted);
            else
            {
                await WriteFaultAsync(http.Response, fault);
                return;
            }
        }

        JsonObject args;
        try
        {
            args = await ReadArgumentsAsync(http.Request);
        }
        catch (JsonException)
        {
            await WriteAsync(http.Response, Error("invalid_json"));
            return;
        }

        var reply = Authorize(method, http.Request, args) ?? method switch
        {
            "chat.postMessage" => PostMessage(args),
            "chat.update" => UpdateMessage(args),
            "chat.postEphemeral" => PostEphemeral(args),
            "conversations.history" => History(args),
            "conversations.open" => OpenConversation(args),
            "apps.connections.open" => OpenConnection(),
            "auth.test" => AuthTest(http.Response),
            _ => Error("unknown_method"),
        };
        if (afterServing is not null)
        {
            afterServing.Served?.TrySetResult();
            if (afterServing.Delay is { } delay)
                await Task.Delay(delay, http.RequestAborted);
            else if (afterServing.Until is { } released)
                await released.WaitAsync(http.RequestAborted);
            if (afterServing.Status >= 400)
            {
                await WriteFaultAsync(http.Response, afterServing);
                return;
            }
        }
        await WriteAsync(http.Response, reply);
    }

    async Task<JsonObject> ReadArgumentsAsync(HttpRequest request)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            if (!request.ContentType.Contains("charset", StringComparison.OrdinalIgnoreCase))
                lock (_gate) _warnings.Add("missing_charset");
            return await JsonSerializer.DeserializeAsync<JsonObject>(request.Body) ?? [];
        }
        var args = new JsonObject();
        if (request.HasFormContentType)
            foreach (var (key, value) in await request.ReadFormAsync())
                args[key] = key == "blocks" ? JsonNode.Parse(value.ToString()) : value.ToString();
        foreach (var (key, value) in request.Query)
            args[key] ??= value.ToString();
        return args;
    }

    // Bot methods take the xoxb- token (header or "token" argument); apps.connections.open takes the
    // app-level token and only in the Authorization header.
    JsonObject? Authorize(string method, HttpRequest request, JsonObject args)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        var appMethod = method == "apps.connections.open";
        if (!appMethod)
            token ??= args["token"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token))
            return Error("not_authed");
        if (token != BotToken && token != AppToken)
            return Error("invalid_auth");
        if (appMethod != (token == AppToken))
            return Error("not_allowed_token_type");
        return null;
    }

    JsonObject PostMessage(JsonObject args)
    {
        var channel = args["channel"]?.GetValue<string>();
        if (string.IsNullOrEmpty(channel) || !ChannelExists(channel))
            return Error("channel_not_found");
        if (!BotIsIn(channel))
            return Error("not_in_channel");
        if (Refusal(args) is { } refusal)
            return refusal;
        if (!TryReadMetadata(args["metadata"], out var metadata))
            return Error("invalid_metadata_format");
        var message = Post(channel, args["text"]?.GetValue<string>() ?? "", (JsonArray?)args["blocks"]?.DeepClone() ?? [], metadata);
        var posted = new JsonObject { ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone(), ["ts"] = message.Ts };
        if (metadata is not null)
            posted["metadata"] = metadata.DeepClone();
        return Ok(new JsonObject { ["channel"] = message.Channel, ["ts"] = message.Ts, ["message"] = posted });
    }

    JsonObject UpdateMessage(JsonObject args)
    {
        var channel = args["channel"]?.GetValue<string>();
        var ts = args["ts"]?.GetValue<string>();
        if (string.IsNullOrEmpty(channel) || !ChannelExists(channel))
            return Error("channel_not_found");
        if (string.IsNullOrEmpty(ts))
            return Error("message_not_found");
        if (Refusal(args) is { } refusal)
            return refusal;
        var updated = Update(channel, ts, args["text"]?.GetValue<string>() ?? "", (JsonArray?)args["blocks"]?.DeepClone() ?? []);
        return updated is null
            ? Error("message_not_found")
            : Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = updated.Text });
    }

    // Shown to one user only and never stored in the channel's history: recorded apart from Messages.
    JsonObject PostEphemeral(JsonObject args)
    {
        var channel = args["channel"]?.GetValue<string>();
        var user = args["user"]?.GetValue<string>();
        if (string.IsNullOrEmpty(channel) || !ChannelExists(channel))
            return Error("channel_not_found");
        if (string.IsNullOrEmpty(user))
            return Error("user_not_found");
        if (Refusal(args) is { } refusal)
            return refusal;
        var message = PostEphemeral(channel, user, args["text"]?.GetValue<string>() ?? "", (JsonArray?)args["blocks"]?.DeepClone() ?? []);
        return Ok(new JsonObject { ["message_ts"] = message.Ts });
    }

    JsonObject OpenConversation(JsonObject args)
    {
        var user = args["users"]?.GetValue<string>();
        if (string.IsNullOrEmpty(user))
            return Error("users_list_not_supplied");
        lock (_gate)
            return _directMessages.TryGetValue(user, out var dm)
                ? Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = dm } })
                : Error("user_not_found");
    }

    // As Slack does: the granted scopes travel in the x-oauth-scopes header, not in the body.
    JsonObject AuthTest(HttpResponse response)
    {
        response.Headers["x-oauth-scopes"] = string.Join(",", BotScopes);
        return Ok(new JsonObject
        {
            ["url"] = "https://konomi-emulator.slack.com/",
            ["team"] = "Konomi Emulator",
            ["user"] = "konomi",
            ["team_id"] = "T0EMULATOR",
            ["user_id"] = BotUserId,
            ["bot_id"] = "B0KONOMI",
            ["is_enterprise_install"] = false,
        });
    }

    JsonObject OpenConnection()
    {
        var ticket = Guid.NewGuid().ToString();
        _tickets.Enqueue(ticket);
        return Ok(new JsonObject { ["url"] = SocketModeUrl(ticket).ToString() });
    }

    // What Slack refuses in a message's text and blocks, or null when it is fine.
    JsonObject? Refusal(JsonObject args)
    {
        var text = args["text"]?.GetValue<string>();
        if (args["blocks"] is not JsonArray blocks)
            return string.IsNullOrEmpty(text) ? Error("no_text") : null;
        if (text?.Length > 40_000)
            return Error("msg_too_long");
        var errors = BlockKitRules.Validate(blocks);
        errors.AddRange(UnfetchableImages(blocks));
        if (errors.Count == 0)
            return null;
        var refusal = Error("invalid_blocks");
        refusal["errors"] = new JsonArray([.. errors.Select(e => JsonValue.Create(e))]);
        refusal["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. errors.Select(e => JsonValue.Create("[ERROR] " + e))]) };
        return refusal;
    }

    // Slack downloads every image while accepting the message and refuses the whole message when one fails.
    IEnumerable<string> UnfetchableImages(JsonArray blocks)
    {
        string[] hosts;
        lock (_gate) hosts = [.. _unreachableImageHosts];
        for (var i = 0; i < blocks.Count; i++)
        {
            var (image, at) = blocks[i]?["type"]?.GetValue<string>() == "image"
                ? (blocks[i], $"/blocks/{i}/image_url")
                : (blocks[i]?["accessory"] is JsonObject a && a["type"]?.GetValue<string>() == "image" ? a : null, $"/blocks/{i}/accessory/image_url");
            if (image?["image_url"]?.GetValue<string>() is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && hosts.Contains(uri.Host))
                yield return $"downloading image failed [json-pointer:{at}]";
        }
    }

    static JsonObject Ok(JsonObject reply)
    {
        reply["ok"] = true;
        return reply;
    }

    static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    static async Task WriteAsync(HttpResponse response, JsonObject reply)
    {
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(reply.ToJsonString());
    }

    static async Task WriteFaultAsync(HttpResponse response, SlackFault fault)
    {
        response.StatusCode = fault.Status;
        if (fault.RetryAfter is { } retryAfter)
            response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (fault.Error is { } error)
            await WriteAsync(response, Error(error));
        else
            await response.WriteAsync("upstream connect error");
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Konomi.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Feedback;

/// <summary>
/// One interaction POSTed by Slack: bounded read of the raw body, signature check on those bytes, then the
/// <c>payload</c> form field. The click is stored before the 200 (a store write takes milliseconds, well
/// inside Slack's 3 seconds), so a process that dies after answering has lost nothing; the message redraw
/// and the publish follow in the background.
/// </summary>
public sealed partial class InteractionReceiver(
    IOptions<FeedbackOptions> options,
    SlackRequestVerifier verifier,
    ClickRecorder recorder,
    ILogger<InteractionReceiver> logger,
    StoreOutage? outage = null)
{
    public const string Source = "slack-http";

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        if (options.Value.Mode != FeedbackMode.Http)
            return Refuse(StatusCodes.Status404NotFound, "Feedback:Mode is not http: clicks come over Socket Mode");
        var request = context.Request;
        var limit = options.Value.MaxPayloadBytes;
        if (request.ContentLength > limit)
            return TooLarge(limit);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;

        var body = await ReadBoundedAsync(request.Body, limit, context.RequestAborted);
        if (body is null)
            return TooLarge(limit);

        var check = verifier.Verify(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body);
        if (check != SignatureCheck.Valid)
        {
            LogBadSignature(logger, Explain(check));
            return Refuse(StatusCodes.Status401Unauthorized, Explain(check));
        }

        if (!TryReadPayload(request, body, out var payload, out var problem)
            || !BlockActions.TryRead(payload, out var click, out problem))
        {
            LogMalformed(logger, problem);
            return Refuse(StatusCodes.Status400BadRequest, problem);
        }
        if (click is null)
            return Results.Ok();

        try
        {
            // Not the request's token: a client hanging up must not cancel a half-done store write.
            await recorder.RecordAsync(click, Source, CancellationToken.None);
            return Results.Ok();
        }
        catch (Exception e)
        {
            // No 200 without a stored click: Slack shows the user an error, and pressing again retries.
            if (outage?.IsTransient(e) == true)
                LogNotStoredStoreAway(logger, click.ClickId);
            else
                LogNotStored(logger, e, click.ClickId);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>Slack shows none of it, but whoever sets the Request URL up with curl learns what is wrong.</summary>
    static IResult Refuse(int status, string? error) => Results.Json(new { error }, statusCode: status);

    static IResult TooLarge(int limit) =>
        Refuse(StatusCodes.Status413PayloadTooLarge, $"an interaction is at most {limit} bytes (Feedback:MaxPayloadBytes)");

    static string Explain(SignatureCheck check) => check switch
    {
        SignatureCheck.NoSecret => "Slack:SigningSecret is not set, so no request can be verified",
        SignatureCheck.Missing => "X-Slack-Request-Timestamp and X-Slack-Signature (v0=…) are required",
        SignatureCheck.Stale => $"X-Slack-Request-Timestamp is more than {SlackRequestVerifier.Tolerance.TotalMinutes:0} minutes from now: a replay, or a wrong clock",
        _ => "X-Slack-Signature does not match the body signed with Slack:SigningSecret",
    };

    static bool TryReadPayload(HttpRequest request, byte[] body, out JsonNode? payload, out string? problem)
    {
        payload = null;
        problem = null;
        if (!request.HasFormContentType)
        {
            problem = "not application/x-www-form-urlencoded";
            return false;
        }
        if (!QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).TryGetValue("payload", out var field) || field.Count != 1)
        {
            problem = "no single payload field";
            return false;
        }
        try
        {
            payload = JsonNode.Parse(field[0]!);
            return true;
        }
        catch (JsonException e)
        {
            problem = "payload is not JSON: " + e.Message;
            return false;
        }
    }

    /// <summary>The whole body, or null as soon as it grows past <paramref name="limit"/> bytes.</summary>
    static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit, 16 * 1024));
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(buffer.GetMemory(8 * 1024), ct);
                if (read == 0)
                    return buffer.WrittenSpan.ToArray();
                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                    return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    // In the words of the 401's body, so whoever reads the log knows what Slack's request lacked.
    [LoggerMessage(1, LogLevel.Warning, "Refused an interaction (401): {Reason}")]
    static partial void LogBadSignature(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Refused a malformed interaction: {Problem}")]
    static partial void LogMalformed(ILogger logger, string? problem);

    [LoggerMessage(3, LogLevel.Error, "Could not store click {ClickId}")]
    static partial void LogNotStored(ILogger logger, Exception exception, string clickId);

    [LoggerMessage(4, LogLevel.Warning, "Click {ClickId} not stored, the store being away: answered 503, for Slack to send it again")]
    static partial void LogNotStoredStoreAway(ILogger logger, string clickId);
}

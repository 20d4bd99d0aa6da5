using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Konomi.Emulators.Slack;

/// <summary>
/// Posts interactions the way Slack's Interactivity Request URL receives them: form-encoded
/// <c>payload=</c>, signed with the signing secret over the exact bytes sent.
/// </summary>
public sealed class SlackInteractionSender(HttpClient http, string signingSecret)
{
    public Task<HttpResponseMessage> SendAsync(JsonObject payload, DateTimeOffset signedAt, CancellationToken ct) =>
        SendRawAsync(Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload.ToJsonString())), signedAt, ct);

    /// <summary>Any body, signed correctly: for bodies that are malformed beyond the signature.</summary>
    public Task<HttpResponseMessage> SendRawAsync(byte[] body, DateTimeOffset signedAt, CancellationToken ct)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return SendAsync(body, timestamp, Sign(signingSecret, timestamp, body), ct);
    }

    /// <summary>Sends with the given headers as they are (null leaves a header out).</summary>
    public async Task<HttpResponseMessage> SendAsync(byte[] body, string? timestamp, string? signature, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (timestamp is not null) request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        if (signature is not null) request.Headers.Add("X-Slack-Signature", signature);
        return await http.SendAsync(request, ct);
    }

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konomi.Slack;
using Microsoft.Extensions.Options;

namespace Konomi.Feedback;

/// <summary>
/// Slack's request signing: <c>v0=hex(HMAC-SHA256(secret, "v0:{timestamp}:{raw body}"))</c>, compared in
/// constant time, with timestamps more than five minutes from now refused so a captured request cannot be replayed.
/// </summary>
public sealed class SlackRequestVerifier(IOptionsMonitor<SlackOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var secret = options.CurrentValue.SigningSecret;
        if (string.IsNullOrEmpty(secret))
            return SignatureCheck.NoSecret;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || signature is not { Length: 67 } || !signature.StartsWith("v0=", StringComparison.Ordinal))
            return SignatureCheck.Missing;
        var age = clock.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > Tolerance.TotalSeconds)
            return SignatureCheck.Stale;

        Span<byte> presented = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(3), presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return SignatureCheck.Mismatch;
        return CryptographicOperations.FixedTimeEquals(Compute(secret, timestamp!, body), presented)
            ? SignatureCheck.Valid
            : SignatureCheck.Mismatch;
    }

    static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

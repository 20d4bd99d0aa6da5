using System.Text;
using Konomi.Emulators.Slack;
using Konomi.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Feedback.Tests;

public sealed class SignatureTests
{
    // Slack's worked example (docs.slack.dev/authentication/verifying-requests-from-slack); the expected
    // signature was also reproduced with `openssl dgst -sha256 -hmac <secret>` over "v0:{ts}:{body}".
    const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    const string DocTimestamp = "1531420618";
    const string DocBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    static readonly DateTimeOffset DocTime = DateTimeOffset.FromUnixTimeSeconds(1531420618);
    static readonly byte[] Body = Encoding.UTF8.GetBytes(DocBody);

    static SlackRequestVerifier Verifier(DateTimeOffset now, string? secret = DocSecret) =>
        new(new StaticOptions(new SlackOptions { SigningSecret = secret }), new FakeTimeProvider(now));

    [Fact]
    public void Slacks_documented_example_verifies() =>
        Verifier(DocTime.AddSeconds(30)).Verify(DocTimestamp, DocSignature, Body).ShouldBe(SignatureCheck.Valid);

    [Fact]
    public void The_emulators_signer_agrees_with_slacks_example() =>
        SlackInteractionSender.Sign(DocSecret, DocTimestamp, Body).ShouldBe(DocSignature);

    [Fact]
    public void A_japanese_utf8_body_verifies_over_its_raw_bytes()
    {
        var body = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString("""{"text":"興味あり! 別に…"}"""));
        var signature = SlackInteractionSender.Sign("s3cret", DocTimestamp, body);
        Verifier(DocTime, "s3cret").Verify(DocTimestamp, signature, body).ShouldBe(SignatureCheck.Valid);
    }

    [Fact]
    public void A_request_replayed_more_than_five_minutes_later_is_refused()
    {
        Verifier(DocTime.AddMinutes(5)).Verify(DocTimestamp, DocSignature, Body).ShouldBe(SignatureCheck.Valid);
        Verifier(DocTime.AddMinutes(5).AddSeconds(1)).Verify(DocTimestamp, DocSignature, Body).ShouldBe(SignatureCheck.Stale);
    }

    [Fact]
    public void A_timestamp_far_in_the_future_is_refused() =>
        Verifier(DocTime.AddMinutes(-6)).Verify(DocTimestamp, DocSignature, Body).ShouldBe(SignatureCheck.Stale);

    [Fact]
    public void A_wrong_secret_is_refused() =>
        Verifier(DocTime, "another-secret").Verify(DocTimestamp, DocSignature, Body).ShouldBe(SignatureCheck.Mismatch);

    [Fact]
    public void One_changed_body_byte_is_refused()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^1] ^= 1;
        Verifier(DocTime).Verify(DocTimestamp, DocSignature, tampered).ShouldBe(SignatureCheck.Mismatch);
    }

    [Fact]
    public void A_signature_for_another_timestamp_is_refused() =>
        Verifier(DocTime).Verify("1531420619", DocSignature, Body).ShouldBe(SignatureCheck.Mismatch);

    [Theory]
    [InlineData(null, DocSignature)]
    [InlineData(DocTimestamp, null)]
    [InlineData("", DocSignature)]
    [InlineData("-1531420618", DocSignature)]
    [InlineData("1531420618.5", DocSignature)]
    [InlineData(DocTimestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData(DocTimestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData(DocTimestamp, "v0=a2114d57")]
    public void Missing_or_misshapen_headers_are_refused(string? timestamp, string? signature) =>
        Verifier(DocTime).Verify(timestamp, signature, Body).ShouldBe(SignatureCheck.Missing);

    [Fact]
    public void A_signature_that_is_not_hex_is_refused() =>
        Verifier(DocTime).Verify(DocTimestamp, "v0=" + new string('z', 64), Body).ShouldBe(SignatureCheck.Mismatch);

    [Fact]
    public void Without_a_signing_secret_nothing_verifies() =>
        Verifier(DocTime, secret: null).Verify(DocTimestamp, DocSignature, Body).ShouldBe(SignatureCheck.NoSecret);

    sealed class StaticOptions(SlackOptions value) : IOptionsMonitor<SlackOptions>
    {
        public SlackOptions CurrentValue => value;
        public SlackOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<SlackOptions, string?> listener) => null;
    }
}

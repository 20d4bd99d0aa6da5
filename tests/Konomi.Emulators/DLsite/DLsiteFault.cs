namespace Konomi.Emulators.DLsite;

/// <summary>
/// How the emulator answers one request instead of serving it: DLsite's HTTP 202 challenge page, 429 with
/// Retry-After, a 5xx, a slow answer (served after the delay), a body cut off half-way, or a redirect elsewhere.
/// </summary>
public sealed record DLsiteFault(int Status, TimeSpan? RetryAfter = null, TimeSpan? Delay = null, bool Truncate = false, Uri? Location = null)
{
    public static DLsiteFault Challenge() => new(202);

    public static DLsiteFault RateLimited(TimeSpan retryAfter) => new(429, retryAfter);

    public static DLsiteFault ServerError(int status = 500) => new(status);

    public static DLsiteFault Slow(TimeSpan delay) => new(200, Delay: delay);

    public static DLsiteFault Truncated() => new(200, Truncate: true);

    public static DLsiteFault Redirect(Uri location) => new(302, Location: location);
}

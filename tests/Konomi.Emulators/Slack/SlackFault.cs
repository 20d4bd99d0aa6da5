namespace Konomi.Emulators.Slack;

/// <summary>
/// A failure the emulator answers one call with, instead of serving it: HTTP 429 with Retry-After,
/// a 5xx, an <c>ok:false</c> error code, or a slow answer (the call is then served normally): after a delay,
/// or once a task the test controls completes.
/// </summary>
public sealed record SlackFault(int Status, string? Error = null, TimeSpan? RetryAfter = null, TimeSpan? Delay = null, Task? Until = null)
{
    public static SlackFault RateLimited(TimeSpan retryAfter) => new(429, "ratelimited", retryAfter);

    public static SlackFault ServerError(int status = 500) => new(status);

    public static SlackFault Refused(string error) => new(200, error);

    public static SlackFault Slow(TimeSpan delay) => new(200, Delay: delay);

    public static SlackFault HeldUntil(Task released) => new(200, Until: released);
}

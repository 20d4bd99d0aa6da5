namespace Konomi.Emulators.Slack;

/// <summary>
/// A failure the emulator answers one call with, instead of serving it: HTTP 429 with Retry-After,
/// a 5xx, an <c>ok:false</c> error code, or a slow answer (the call is then served normally): after a delay,
/// or once a task the test controls completes.
/// <para>
/// With <see cref="AfterServing"/> the call is served first (a post is in the channel) and the fault is what the
/// caller gets instead of the answer: the lost answer of a Slack that did the work. <see cref="Served"/> is
/// completed the moment the call was served, so a test can act in that window (kill the caller).
/// </para>
/// </summary>
public sealed record SlackFault(int Status, string? Error = null, TimeSpan? RetryAfter = null, TimeSpan? Delay = null, Task? Until = null,
    bool AfterServing = false, TaskCompletionSource? Served = null)
{
    public static SlackFault RateLimited(TimeSpan retryAfter) => new(429, "ratelimited", retryAfter);

    public static SlackFault ServerError(int status = 500) => new(status);

    public static SlackFault Refused(string error) => new(200, error);

    public static SlackFault Slow(TimeSpan delay) => new(200, Delay: delay);

    public static SlackFault HeldUntil(Task released) => new(200, Until: released);

    /// <summary>Serves the call, then answers a 5xx: Slack posted, the caller hears a server error.</summary>
    public static SlackFault ServedThenServerError(int status = 500) => new(status, AfterServing: true);

    /// <summary>Serves the call, completes <paramref name="served"/>, then holds the answer until <paramref name="released"/> (or the caller hangs up).</summary>
    public static SlackFault ServedThenHeld(TaskCompletionSource served, Task released) =>
        new(200, Until: released, AfterServing: true, Served: served);
}

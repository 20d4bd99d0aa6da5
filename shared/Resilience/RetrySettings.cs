using Polly;
using Polly.Retry;

namespace Konomi.Resilience;

/// <summary>
/// The one shape of every retry setting: a section such as <c>Slack:Retry</c> with <c>MaxAttempts</c>,
/// <c>BaseDelay</c> and <c>MaxDelay</c>, read as named options (the name is the section's path) and checked at start.
/// Waits start at <see cref="BaseDelay"/> and double, capped at <see cref="MaxDelay"/>.
/// </summary>
public sealed class RetrySettings
{
    /// <summary>Tries in all, the first included; unset: until it works (a listener that must stay connected).</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>The wait before the first retry; each further retry waits twice the one before.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries; unset: no cap. A wait the other side asks for (Retry-After) is not capped.</summary>
    public TimeSpan? MaxDelay { get; set; }

    /// <summary>Copies these settings onto a Polly retry: exponential backoff, jittered unless <paramref name="jitter"/> is false.</summary>
    public TOptions ApplyTo<TOptions, TResult>(TOptions retry, bool jitter = true) where TOptions : RetryStrategyOptions<TResult>
    {
        retry.MaxRetryAttempts = MaxAttempts is { } attempts ? Math.Max(attempts - 1, 1) : int.MaxValue;
        // Polly wants at least one retry: a single attempt is a retry that never handles anything.
        if (MaxAttempts == 1)
            retry.ShouldHandle = static _ => PredicateResult.False();
        retry.Delay = BaseDelay;
        retry.MaxDelay = MaxDelay;
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = jitter;
        return retry;
    }

    /// <inheritdoc cref="ApplyTo{TOptions, TResult}"/>
    public RetryStrategyOptions ApplyTo(RetryStrategyOptions retry, bool jitter = true) => ApplyTo<RetryStrategyOptions, object>(retry, jitter);
}

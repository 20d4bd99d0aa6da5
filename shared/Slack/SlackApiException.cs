namespace Konomi.Slack;

/// <summary>Slack said no (<c>ok:false</c>) or could not be reached within the retry limits.</summary>
public sealed class SlackApiException(string method, string error, bool transient, Exception? inner = null)
    : Exception($"Slack {method} failed: {error}", inner)
{
    public string Method { get; } = method;
    public string Error { get; } = error;
    /// <summary>Worth retrying later (rate limits, 5xx, timeouts) as opposed to a permanent refusal.</summary>
    public bool Transient { get; } = transient;

    /// <summary>
    /// The call may have taken effect although no answer says so (a timeout, a reset, a 5xx, Slack's own
    /// internal_error): a rate limit or any other refusal means it did not.
    /// </summary>
    public bool MayHaveTakenEffect => Transient && Error != "ratelimited";
}

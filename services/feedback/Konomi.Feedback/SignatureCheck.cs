namespace Konomi.Feedback;

public enum SignatureCheck
{
    Valid,
    /// <summary><c>Slack:SigningSecret</c> is not set, so nothing can be trusted.</summary>
    NoSecret,
    /// <summary>A header is missing or not in Slack's format.</summary>
    Missing,
    /// <summary>The timestamp is more than five minutes away from now: a replay or a badly wrong clock.</summary>
    Stale,
    Mismatch,
}

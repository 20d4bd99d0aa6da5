namespace Konomi.Slack;

/// <summary>Slack's <c>ok:false</c> error codes that are worth retrying; every other code is a permanent refusal.</summary>
public static class SlackErrors
{
    static readonly HashSet<string> Transient =
        ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"];

    public static bool IsTransient(string error) => Transient.Contains(error);
}

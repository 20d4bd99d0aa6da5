namespace Konomi.Slack;

/// <summary>Slack's <c>ok:false</c> error codes that are worth retrying; every other code is a permanent refusal.</summary>
public static class SlackErrors
{
    static readonly HashSet<string> Transient =
        ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"];

    public static bool IsTransient(string error) => Transient.Contains(error);

    // https://docs.slack.dev/reference/methods/chat.postMessage#errors: the token or the app, not the message.
    static readonly HashSet<string> AppRefused =
        ["not_authed", "invalid_auth", "token_revoked", "token_expired", "account_inactive", "missing_scope", "no_permission", "ekm_access_denied"];

    /// <summary>
    /// Slack refuses the app itself (a revoked, expired or replaced token, the app uninstalled, a scope taken away): every
    /// call fails alike until an operator mends it, so retrying this call now is useless but the work it carried is not at fault.
    /// </summary>
    public static bool RefusesTheApp(string error) => AppRefused.Contains(error);

    // The target, not the message: the bot not invited yet, a channel archived, deleted or mistyped.
    static readonly HashSet<string> TargetRefused = ["not_in_channel", "channel_not_found", "is_archived"];

    /// <summary>
    /// Slack refuses the place a post goes to: someone has to invite the bot (<c>/invite @app</c>), unarchive the channel or
    /// give the user another one (<c>konomi users add ID --channel C…</c>), and once they do, the works held for it can be posted there.
    /// </summary>
    public static bool RefusesTheTarget(string error) => TargetRefused.Contains(error);
}

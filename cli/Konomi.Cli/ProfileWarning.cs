using Konomi.Notifier;
using Konomi.Storage.Ports;

namespace Konomi.Cli;

/// <summary>
/// What <c>users list</c>, <c>users add</c> and <c>status</c> say about a stored profile the current rules refuse (kept
/// from an earlier version): the field, why, what the notifier does about it and how to fix it. Null when it is usable.
/// </summary>
public static class ProfileWarning
{
    public static string? For(UserProfile profile)
    {
        if (NotificationRuns.Unusable(profile) is { } unusable)
            return $"not notified until fixed: {unusable.Field}: {unusable.Problem} Fix: {Fix(profile.UserId, unusable.Field)}";
        return profile.Problem() is { } zone ? $"{zone.Field}: {zone.Problem} Quiet hours are read in UTC meanwhile." : null;
    }

    static string Fix(string userId, string field) => field switch
    {
        nameof(UserProfile.SlackUserId) => $"`konomi users add {userId} --slack-user U…`",
        nameof(UserProfile.Channel) => $"`konomi users add {userId} --channel C…` (or --dm)",
        _ => $"set {field} in the user's Users entry of the configuration (README, Users) and start konomi again",
    };
}

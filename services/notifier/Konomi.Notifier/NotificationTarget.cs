using Konomi.Storage.Ports;

namespace Konomi.Notifier;

/// <summary>
/// Where a user's notifications go, as the ledger's target key: the channel id, <c>dm:{SlackUserId}</c>
/// for a direct message, or <c>user:{UserId}</c> when the profile names neither (only a console sink can show those).
/// </summary>
public static class NotificationTarget
{
    const string DirectMessage = "dm:";
    const string Unrouted = "user:";

    public static string For(UserProfile profile) =>
        !string.IsNullOrWhiteSpace(profile.Channel) ? profile.Channel
        : !string.IsNullOrWhiteSpace(profile.SlackUserId) ? DirectMessage + profile.SlackUserId
        : Unrouted + profile.UserId;

    public static string? SlackUser(string target) => target.StartsWith(DirectMessage, StringComparison.Ordinal) ? target[DirectMessage.Length..] : null;

    public static bool IsUnrouted(string target) => target.StartsWith(Unrouted, StringComparison.Ordinal);
}

using Konomi.Storage.Ports;

namespace Konomi.Notifier;

/// <summary>How the ledger entries of one user's crawl run count against the maximum per run.</summary>
public static class NotificationRuns
{
    /// <summary>Recorded when a work is over the user's maximum per run: visible in the ledger, not posted.</summary>
    public const string OverMaxPerRun = "max_per_run";

    /// <summary>
    /// Recorded when the user's stored profile breaks <see cref="UserProfile.Problem"/> (kept from an earlier version, or
    /// written round the rules): posting to it would fail or go astray; `konomi users list` names the field.
    /// </summary>
    public const string UnusableProfile = "unusable_profile";

    /// <summary>
    /// Why the user's profile cannot be notified, or null. An unknown time zone alone is no reason: quiet hours are
    /// then read in UTC with a warning, so a machine without tzdata still posts to everyone.
    /// </summary>
    public static (string Field, string Problem)? Unusable(UserProfile profile) =>
        (QuietHours.Zone(profile) is null ? profile with { TimeZone = "UTC" } : profile).Problem();

    /// <summary>Recorded when the user was deactivated (or removed) before what waited for them was posted.</summary>
    public const string UserInactive = "user_inactive";

    /// <summary>Recorded on an entry whose user moved to another channel or Slack id before it was posted; it is posted there instead.</summary>
    public const string TargetChanged = "target_changed";

    /// <summary>Posted or on its way: what counts against the maximum.</summary>
    public static bool CountsAgainstMax(this Notification entry) =>
        entry.Status == NotificationStatus.Sent || (entry.Status == NotificationStatus.Pending && entry.Error != OverMaxPerRun);

    // Why an entry was not posted that is its user's alone: the work and the target are fine for anyone else.
    static readonly string[] UsersOwnFailures = [OverMaxPerRun, UserInactive, UnusableProfile, TargetChanged];

    /// <summary>
    /// Whether <paramref name="arrival"/>, another user's pending entry for the same work and shared target, may take this
    /// one over: it never reached Slack (no attempt, or only the one that failed it), nobody holds its lease, and its own
    /// user will not post it (failed for a reason of theirs) or only later than the newcomer would (held).
    /// </summary>
    public static bool OpenTo(this Notification entry, Notification arrival, DateTimeOffset now) =>
        arrival.Status == NotificationStatus.Pending && entry.UserId != arrival.UserId && entry.LeaseOwner is null && entry.Status switch
        {
            NotificationStatus.Failed => entry.Attempts <= 1 && UsersOwnFailures.Contains(entry.Error),
            NotificationStatus.Pending => entry.Attempts == 0 && entry.HoldUntil > (arrival.HoldUntil ?? now),
            _ => false,
        };
}

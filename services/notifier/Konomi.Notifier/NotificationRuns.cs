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

    /// <summary>Recorded on an entry whose user moved to another channel or Slack id before it was posted; it is posted there instead.</summary>
    public const string TargetChanged = "target_changed";

    /// <summary>Posted or on its way: what counts against the maximum.</summary>
    public static bool CountsAgainstMax(this Notification entry) =>
        entry.Status == NotificationStatus.Sent || (entry.Status == NotificationStatus.Pending && entry.Error != OverMaxPerRun);
}

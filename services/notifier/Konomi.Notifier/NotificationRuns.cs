using Konomi.Storage.Ports;

namespace Konomi.Notifier;

/// <summary>How the ledger entries of one user's crawl run count against the maximum per run.</summary>
public static class NotificationRuns
{
    /// <summary>Recorded when a work is over the user's maximum per run: visible in the ledger, not posted.</summary>
    public const string OverMaxPerRun = "max_per_run";

    /// <summary>Recorded on an entry whose user moved to another channel or Slack id before it was posted; it is posted there instead.</summary>
    public const string TargetChanged = "target_changed";

    /// <summary>Posted or on its way: what counts against the maximum.</summary>
    public static bool CountsAgainstMax(this Notification entry) =>
        entry.Status == NotificationStatus.Sent || (entry.Status == NotificationStatus.Pending && entry.Error != OverMaxPerRun);
}

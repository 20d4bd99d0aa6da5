using System.ComponentModel.DataAnnotations;
using Konomi.Storage.Ports;

namespace Konomi.Storage.Retention;

/// <summary>Section <c>Retention</c>: how long scores, snapshots and clicks are kept, and how many past model versions.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Off: the store keeps everything (the <c>konomi prune</c> command still works).</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Retention:Interval must be between 1 minute and 365 days")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Scores of works first stored more than this many days ago.</summary>
    [Range(1, 36_500, ErrorMessage = "Retention:ScoresDays must be between 1 and 36500")]
    public int ScoresDays { get; set; } = 90;

    [Range(1, 36_500, ErrorMessage = "Retention:SnapshotsDays must be between 1 and 36500")]
    public int SnapshotsDays { get; set; } = 30;

    /// <summary>Clicks older than this, except the one each current label came from.</summary>
    [Range(1, 36_500, ErrorMessage = "Retention:ClicksDays must be between 1 and 36500")]
    public int ClicksDays { get; set; } = 365;

    /// <summary>Retired and rejected versions kept per user, newest first; the serving one always stays.</summary>
    [Range(0, 1_000, ErrorMessage = "Retention:KeepModelVersions must be between 0 and 1000")]
    public int KeepModelVersions { get; set; } = 5;

    public RetentionPolicy ToPolicy() =>
        new(TimeSpan.FromDays(ScoresDays), TimeSpan.FromDays(SnapshotsDays), TimeSpan.FromDays(ClicksDays), KeepModelVersions);
}

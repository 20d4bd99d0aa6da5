using System.ComponentModel.DataAnnotations;

namespace Konomi.Notifier;

/// <summary>Section <c>Notifier</c>.</summary>
public sealed class NotifierOptions
{
    public const string Section = "Notifier";

    /// <summary>A digest goes out once its crawl run has brought no new liked work for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Notifier:DigestDelay must not be negative")]
    public TimeSpan DigestDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often held, digest and retryable notifications are looked at.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Notifier:SweepInterval must be a positive time span")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a notifier owns an entry while posting it; after a crash, another may take it then.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Notifier:LeaseDuration must be a positive time span")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait before a post that failed transiently is tried again, doubled after each further attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Notifier:RetryDelay must be a positive time span of at most a day")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Posting attempts (each with the Slack client's own retries) before a notification is recorded as failed.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Notifier:MaxAttempts must be at least 1")]
    public int MaxAttempts { get; set; } = 5;
}

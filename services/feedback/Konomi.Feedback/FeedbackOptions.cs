using System.ComponentModel.DataAnnotations;

namespace Konomi.Feedback;

/// <summary>Section <c>Feedback</c>.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Socket Mode by default: a self-hosted install has no public URL for Slack to call.</summary>
    public FeedbackMode Mode { get; set; } = FeedbackMode.Socket;

    /// <summary>
    /// Largest interaction accepted (HTTP body or Socket Mode message). A message with many Japanese
    /// blocks, percent-encoded, stays well under a megabyte.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "Feedback:MaxPayloadBytes must be at least 1")]
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>First wait before reconnecting a dropped Socket Mode connection; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Feedback:ReconnectDelay must be a positive time span")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Feedback:MaxReconnectDelay must be a positive time span")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before retrying a failed message update or publish; doubles per attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Feedback:FollowUpRetryDelay must be a positive time span")]
    public TimeSpan FollowUpRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, int.MaxValue, ErrorMessage = "Feedback:FollowUpAttempts must be at least 1")]
    public int FollowUpAttempts { get; set; } = 8;
}

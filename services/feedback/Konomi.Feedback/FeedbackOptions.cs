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
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>First wait before reconnecting a dropped Socket Mode connection; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before retrying a failed message update or publish; doubles per attempt.</summary>
    public TimeSpan FollowUpRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public int FollowUpAttempts { get; set; } = 8;
}

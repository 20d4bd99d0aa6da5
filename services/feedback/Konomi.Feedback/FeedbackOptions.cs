using System.ComponentModel.DataAnnotations;

namespace Konomi.Feedback;

/// <summary>Section <c>Feedback</c>.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Retries of each follow-up step (<see cref="Konomi.Resilience.RetrySettings"/>); the wait for the store reuses its delays, without a limit.</summary>
    public const string RetrySection = "Feedback:Retry";

    /// <summary>Socket Mode reconnects (<see cref="Konomi.Resilience.RetrySettings"/>), without a limit unless one is set.</summary>
    public const string ReconnectSection = "Feedback:Reconnect";

    /// <summary>Socket Mode by default: a self-hosted install has no public URL for Slack to call.</summary>
    public FeedbackMode Mode { get; set; } = FeedbackMode.Socket;

    /// <summary>
    /// <c>konomi run</c> only: a second listener that serves Slack's Interactivity Request URL alone (read when the
    /// host is composed, before options are bound: it chooses the listeners).
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Largest interaction accepted (HTTP body or Socket Mode message). A message with many Japanese
    /// blocks, percent-encoded, stays well under a megabyte.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "Feedback:MaxPayloadBytes must be at least 1")]
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a worker holds the follow-ups it claimed (renewed every third of it while it does one): where
    /// several hosts take clicks over one store, a follow-up whose worker died is done by another this much later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Feedback:FollowUpLease must be from 1 second to a day")]
    public TimeSpan FollowUpLease { get; set; } = TimeSpan.FromMinutes(1);
}

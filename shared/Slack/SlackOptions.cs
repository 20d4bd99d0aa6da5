using System.ComponentModel.DataAnnotations;

namespace Konomi.Slack;

/// <summary>Section <c>Slack</c>. Tokens come from configuration or secrets and are never logged.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>
    /// Retries of one call (<see cref="Konomi.Resilience.RetrySettings"/>) on 429 (after Retry-After), 5xx, timeouts and
    /// network errors, and of a post whose answer was lost; waits jittered.
    /// </summary>
    public const string RetrySection = "Slack:Retry";

    public string? BotToken { get; set; }
    public string? SigningSecret { get; set; }
    public string? AppToken { get; set; }
    [Required(ErrorMessage = "Slack:ApiBaseUrl is required")]
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Slack allows about one chat.postMessage per second per channel (short bursts tolerated).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Slack:PostInterval must not be negative")]
    public TimeSpan PostInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Slack:AttemptTimeout must be a positive time span")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

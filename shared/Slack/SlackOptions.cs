namespace Konomi.Slack;

/// <summary>Section <c>Slack</c>. Tokens come from configuration or secrets and are never logged.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    public string? BotToken { get; set; }
    public string? SigningSecret { get; set; }
    public string? AppToken { get; set; }
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Slack allows about one chat.postMessage per second per channel (short bursts tolerated).</summary>
    public TimeSpan PostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of one call on 429 (after Retry-After), 5xx, timeouts and network errors.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff between retries when Slack gives no Retry-After; doubles each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

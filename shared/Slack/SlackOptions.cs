namespace Konomi.Slack;

/// <summary>Section <c>Slack</c>. Tokens come from configuration or secrets and are never logged.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    public string? BotToken { get; set; }
    public string? SigningSecret { get; set; }
    public string? AppToken { get; set; }
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");
}

namespace Konomi.Slack;

/// <summary>What auth.test says about the bot token: its workspace, its bot user, and the OAuth scopes granted to it.</summary>
public sealed record SlackIdentity(string Team, string User, string UserId, IReadOnlyList<string> Scopes);

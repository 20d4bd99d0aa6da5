namespace Konomi.EndToEnd.Tests;

/// <summary>
/// A Konomi user in a scenario: their Slack member id, where their notifications go (a channel, or their
/// DM when <paramref name="Channel"/> is null), and which circles they truly like, which is how they click.
/// </summary>
public sealed record Listener(string UserId, string SlackUserId, string? Channel, Func<string, bool> LikesCircle)
{
    /// <summary>The profile as production configures it: <c>Users__{index}__...</c>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(int index)
    {
        yield return new($"Users__{index}__UserId", UserId);
        yield return new($"Users__{index}__SlackUserId", SlackUserId);
        if (Channel is not null)
            yield return new($"Users__{index}__Channel", Channel);
    }
}

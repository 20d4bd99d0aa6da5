using Konomi.Storage.Ports;

namespace Konomi.Feedback;

/// <summary>
/// Whose click it is: the Konomi profile bound to the Slack user who pressed, never the user the button
/// names, so a shared channel trains each member's own model and nobody can change another's labels.
/// </summary>
public sealed class ClickOwner(IUserStore users)
{
    /// <summary>
    /// The clicker's profile, created inactive (nothing is posted to it until someone activates it) when
    /// the clicker has none; null when the button names no known user (not a message Konomi posted for
    /// this store) or the clicker's would-be profile id is taken by someone else.
    /// </summary>
    public async Task<UserProfile?> FindAsync(FeedbackClick click, CancellationToken ct)
    {
        var profiles = await users.ListAsync(ct);
        if (profiles.FirstOrDefault(p => p.UserId == click.UserId) is not { } named)
            return null;
        // The person the message was for first: one Slack user may hold several profiles (a DM and a channel).
        if (named.SlackUserId == click.SlackUserId)
            return named;
        if (profiles.FirstOrDefault(p => p.SlackUserId == click.SlackUserId) is { } clicker)
            return clicker;
        var own = new UserProfile(OwnUserId(click.SlackUserId), SlackUserId: click.SlackUserId, Active: false);
        if (profiles.Any(p => p.UserId == own.UserId))
            return null;
        await users.UpsertAsync(own, ct);
        return own;
    }

    /// <summary>The user id of a profile made for a Slack user on their first click.</summary>
    public static string OwnUserId(string slackUserId) => "slack-" + slackUserId;
}

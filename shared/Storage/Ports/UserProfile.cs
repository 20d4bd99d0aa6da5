namespace Konomi.Storage.Ports;

/// <summary>
/// A person Konomi recommends to. <paramref name="Channel"/> null means a direct message to
/// <paramref name="SlackUserId"/>. Quiet hours are local times in <paramref name="TimeZone"/> (IANA id).
/// <paramref name="Explore"/> false turns off the occasional post of a work the model would not post.
/// <paramref name="Shared"/> false keeps the person out of learning from everyone: their labels teach nobody else
/// (shared model, "people who liked ◯◯ also liked" reasons) and they are served their own per-user model.
/// </summary>
public sealed record UserProfile(
    string UserId,
    string? SlackUserId = null,
    string? Channel = null,
    DeliveryMode Delivery = DeliveryMode.Instant,
    TimeOnly? QuietFrom = null,
    TimeOnly? QuietTo = null,
    string TimeZone = "Asia/Tokyo",
    int MaxPerRun = 20,
    bool Active = true,
    Preferences? Preferences = null,
    bool Explore = true,
    bool Shared = true)
{
    /// <summary>The longest user id: a Slack button's value (2,000 characters) carries it, and every listing shows it.</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// Null when <paramref name="id"/> can name a user; otherwise why not. Ids travel in URLs, CSV rows, Slack button
    /// values and metric labels, so they keep to letters, digits, '-', '_' and '.', and to <see cref="MaxIdLength"/>.
    /// </summary>
    public static string? IdProblem(string id) =>
        id.Length > MaxIdLength
            ? $"'{id[..16]}…' ({id.Length} characters) is not a user id: use at most {MaxIdLength}."
            : id.Length > 0 && id.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : $"'{id}' is not a user id: use letters, digits, '-', '_' or '.'.";

    /// <summary>Null when <paramref name="id"/> is a Slack member id (U…, W… on Enterprise Grid); otherwise why not.</summary>
    public static string? SlackUserIdProblem(string id) =>
        SlackId(id, "UW") ? null : $"'{id}' is not a Slack member id (U012ABCDEF: in Slack, the profile's ⋮ → Copy member ID).";

    /// <summary>Null when <paramref name="id"/> is a Slack conversation id (C…, G… private, D… direct); otherwise why not.</summary>
    public static string? ChannelProblem(string id) =>
        SlackId(id, "CGD") ? null : $"'{id}' is not a Slack channel id (C012ABCDEF: at the bottom of the channel's details), not its name.";

    /// <summary>
    /// The first field this profile must not be stored with, and why; null when every field is usable. The one set of
    /// rules for a user however they come (<c>konomi users add</c>, configuration): a name such as #general where a
    /// Slack id belongs fails every post with channel_not_found, and a MaxPerRun below 1 fails every liked work.
    /// </summary>
    public (string Field, string Problem)? Problem()
    {
        if (IdProblem(UserId) is { } id) return (nameof(UserId), id);
        if (SlackUserId is not null && SlackUserIdProblem(SlackUserId) is { } member) return (nameof(SlackUserId), member);
        if (Channel is not null && ChannelProblem(Channel) is { } channel) return (nameof(Channel), channel);
        // An enum binds from any number, so 7 would be stored as a delivery nothing knows.
        if (!Enum.IsDefined(Delivery)) return (nameof(Delivery), $"'{Delivery}' is not a delivery: {string.Join(" or ", Enum.GetNames<DeliveryMode>())}.");
        if (QuietFrom is null != QuietTo is null)
            return (QuietFrom is null ? nameof(QuietFrom) : nameof(QuietTo), "missing: quiet hours need both QuietFrom and QuietTo (local times, e.g. 23:00 and 07:30).");
        // Read as "always quiet" by some, it would post at any hour: refused rather than guessed.
        if (QuietFrom is { } from && from == QuietTo)
            return (nameof(QuietTo), $"{from:HH\\:mm} is QuietFrom too: such quiet hours would hold nothing; give the time they end, or leave both out for none.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            return (nameof(TimeZone), $"'{TimeZone}' is not a known time zone id (IANA, e.g. Asia/Tokyo).");
        if (MaxPerRun < 1) return (nameof(MaxPerRun), $"{MaxPerRun} is not a number of posts: give 1 or more (Active: false posts nothing).");
        return null;
    }

    static bool SlackId(string id, string firstLetters) =>
        id.Length >= 3 && firstLetters.Contains(id[0]) && id.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9');
}

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
    /// <summary>
    /// Null when <paramref name="id"/> can name a user; otherwise why not. Ids travel in URLs, CSV rows, Slack button
    /// values and metric labels, so they keep to letters, digits, '-', '_' and '.'.
    /// </summary>
    public static string? IdProblem(string id) =>
        id.Length > 0 && id.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : $"'{id}' is not a user id: use letters, digits, '-', '_' or '.'.";
}

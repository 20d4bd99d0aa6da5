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
    bool Shared = true);

using Konomi.Storage.Ports;

namespace Konomi.Notifier;

/// <summary>A user's quiet hours: local times in the profile's IANA time zone, possibly across midnight.</summary>
public static class QuietHours
{
    /// <summary>
    /// The profile's time zone, or null when the id is unknown here. Start-up refuses such a configured profile;
    /// one stored by other means is read in UTC rather than holding back the user's notifications.
    /// </summary>
    public static TimeZoneInfo? Zone(UserProfile profile) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out var zone) ? zone : null;

    /// <summary>When the quiet hours around <paramref name="now"/> end, or null when it is not quiet now.</summary>
    public static DateTimeOffset? End(UserProfile profile, DateTimeOffset now)
    {
        if (profile is not { QuietFrom: { } from, QuietTo: { } to } || from == to)
            return null;
        var zone = Zone(profile) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = DateOnly.FromDateTime(local.DateTime);
        DateOnly endDay;
        if (from < to)
        {
            if (time < from || time >= to) return null;
            endDay = today;
        }
        else
        {
            if (time < from && time >= to) return null;
            endDay = time >= from ? today.AddDays(1) : today;
        }
        var end = endDay.ToDateTime(to);
        // A wall-clock time skipped by a DST change: the first valid minute after it.
        while (zone.IsInvalidTime(end))
            end = end.AddMinutes(1);
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }
}

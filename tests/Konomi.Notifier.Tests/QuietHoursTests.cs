using Konomi.Storage.Ports;

namespace Konomi.Notifier.Tests;

public sealed class QuietHoursTests
{
    static readonly UserProfile Night = new("me", QuietFrom: new TimeOnly(22, 0), QuietTo: new TimeOnly(7, 0), TimeZone: "Asia/Tokyo");

    [Theory]
    [InlineData("2025-06-01T14:30:00Z", "2025-06-01T22:00:00Z")] // 23:30 JST: until 07:00 JST next morning
    [InlineData("2025-06-01T19:00:00Z", "2025-06-01T22:00:00Z")] // 04:00 JST: until 07:00 JST the same morning
    [InlineData("2025-06-01T13:00:00Z", "2025-06-01T22:00:00Z")] // 22:00 JST exactly: quiet
    public void Inside_quiet_hours_across_midnight_holds_until_they_end(string now, string end)
    {
        QuietHours.End(Night, DateTimeOffset.Parse(now)).ShouldBe(DateTimeOffset.Parse(end));
    }

    [Theory]
    [InlineData("2025-06-01T03:00:00Z")] // 12:00 JST
    [InlineData("2025-06-01T22:00:00Z")] // 07:00 JST exactly: over
    public void Outside_quiet_hours_nothing_is_held(string now)
    {
        QuietHours.End(Night, DateTimeOffset.Parse(now)).ShouldBeNull();
    }

    [Fact]
    public void An_unknown_time_zone_reads_quiet_hours_in_UTC_instead_of_failing()
    {
        var typo = Night with { TimeZone = "Asia/Tokio" };

        QuietHours.End(typo, DateTimeOffset.Parse("2025-06-01T23:00:00Z")).ShouldBe(DateTimeOffset.Parse("2025-06-02T07:00:00Z"));
        QuietHours.End(typo, DateTimeOffset.Parse("2025-06-01T12:00:00Z")).ShouldBeNull();
    }

    [Fact]
    public void A_daytime_window_and_no_window()
    {
        var lunch = Night with { QuietFrom = new TimeOnly(12, 0), QuietTo = new TimeOnly(13, 0), TimeZone = "Europe/Berlin" };

        QuietHours.End(lunch, DateTimeOffset.Parse("2025-06-01T10:30:00Z")).ShouldBe(DateTimeOffset.Parse("2025-06-01T11:00:00Z"));
        QuietHours.End(lunch, DateTimeOffset.Parse("2025-06-01T11:30:00Z")).ShouldBeNull();
        QuietHours.End(new UserProfile("me"), DateTimeOffset.Parse("2025-06-01T14:30:00Z")).ShouldBeNull();
    }

    [Fact]
    public void An_end_skipped_by_daylight_saving_moves_to_the_first_valid_minute()
    {
        // Berlin skips 02:00-03:00 on 2025-03-30.
        var night = Night with { QuietFrom = new TimeOnly(1, 0), QuietTo = new TimeOnly(2, 30), TimeZone = "Europe/Berlin" };

        QuietHours.End(night, DateTimeOffset.Parse("2025-03-30T00:30:00Z")).ShouldBe(DateTimeOffset.Parse("2025-03-30T01:00:00Z"));
    }

    [Theory]
    [InlineData("America/New_York", "23:00", "07:00", "2026-03-08T06:30:00Z", "2026-03-08T11:00:00Z")] // 01:30 EST, the night clocks spring forward: 07:00 EDT
    [InlineData("America/New_York", "23:00", "07:00", "2026-03-08T07:30:00Z", "2026-03-08T11:00:00Z")] // 03:30 EDT, just after the skipped hour
    [InlineData("America/New_York", "23:00", "07:00", "2026-11-01T05:30:00Z", "2026-11-01T12:00:00Z")] // 01:30 EDT, the night clocks fall back: 07:00 EST
    [InlineData("America/New_York", "23:00", "07:00", "2026-11-01T06:30:00Z", "2026-11-01T12:00:00Z")] // 01:30 EST, the hour repeated
    [InlineData("America/New_York", "02:30", "07:00", "2026-03-08T07:05:00Z", "2026-03-08T11:00:00Z")] // begins inside the skipped hour: 03:05 EDT is quiet
    [InlineData("Europe/London", "23:00", "07:00", "2026-03-29T00:30:00Z", "2026-03-29T06:00:00Z")] // 00:30 GMT: 07:00 BST
    [InlineData("Europe/London", "23:00", "07:00", "2026-10-25T00:30:00Z", "2026-10-25T07:00:00Z")] // 01:30 BST: 07:00 GMT
    public void Quiet_hours_across_a_daylight_saving_change_end_at_the_local_time(string zone, string from, string to, string now, string end)
    {
        var night = Night with { QuietFrom = TimeOnly.Parse(from), QuietTo = TimeOnly.Parse(to), TimeZone = zone };

        QuietHours.End(night, DateTimeOffset.Parse(now)).ShouldBe(DateTimeOffset.Parse(end));
    }

    [Theory]
    [InlineData("America/New_York", "02:30", "07:00", "2026-03-08T06:59:00Z")] // 01:59 EST, before a window that begins in the skipped hour
    [InlineData("America/New_York", "23:00", "07:00", "2026-03-08T11:00:00Z")] // 07:00 EDT
    [InlineData("America/New_York", "23:00", "07:00", "2026-11-01T02:59:00Z")] // 22:59 EDT the evening before clocks fall back
    public void Outside_quiet_hours_across_a_daylight_saving_change_nothing_is_held(string zone, string from, string to, string now)
    {
        var night = Night with { QuietFrom = TimeOnly.Parse(from), QuietTo = TimeOnly.Parse(to), TimeZone = zone };

        QuietHours.End(night, DateTimeOffset.Parse(now)).ShouldBeNull();
    }
}

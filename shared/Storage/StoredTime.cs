namespace Konomi.Storage;

/// <summary>
/// Times are stored as UTC ticks in both stores: exact (Slack click times carry microseconds, a BSON date
/// keeps milliseconds) and ordered, so "which click is newer" has the same answer everywhere.
/// </summary>
public static class StoredTime
{
    public static long ToTicks(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}

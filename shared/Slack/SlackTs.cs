using System.Globalization;

namespace Konomi.Slack;

/// <summary>Slack's message timestamps: Unix seconds with six decimals, as text ("1658903885.673769").</summary>
public static class SlackTs
{
    // To the microsecond, as Slack writes them: a time cut to the millisecond would fall before a message posted
    // in the same millisecond and so let `oldest` include it.
    public static string From(DateTimeOffset time)
    {
        var microseconds = (time - DateTimeOffset.UnixEpoch).Ticks / 10;
        return string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000_000}.{microseconds % 1_000_000:D6}");
    }
}

using System.Globalization;

namespace Konomi.Slack;

/// <summary>Slack's message timestamps: Unix seconds with six decimals, as text ("1658903885.673769").</summary>
public static class SlackTs
{
    public static string From(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture);
}

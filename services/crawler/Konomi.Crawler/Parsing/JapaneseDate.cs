using System.Text.RegularExpressions;

namespace Konomi.Crawler.Parsing;

/// <summary>Dates as DLsite writes them: "2017年01月04日", "2023年01月21日 16時", "2026-08-22 00:00:00", "2017/01/04".</summary>
public static partial class JapaneseDate
{
    [GeneratedRegex(@"(\d{4})\s*[年/\-]\s*(\d{1,2})\s*[月/\-]\s*(\d{1,2})")]
    private static partial Regex Date();

    public static DateOnly? Parse(string? text)
    {
        if (text is null || Date().Match(text) is not { Success: true } m) return null;
        var (year, month, day) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }
}

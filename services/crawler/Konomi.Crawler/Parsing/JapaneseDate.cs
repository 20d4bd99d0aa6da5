using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// Dates as DLsite writes them: "2017年01月04日", "2023年01月21日 16時", "2026-08-22 00:00:00", "2017/01/04",
/// full-width digits too ("２０２６-08-22"). Anything that is no calendar date (year 0000, 2月30日) is unknown.
/// </summary>
public static partial class JapaneseDate
{
    [GeneratedRegex(@"([0-9]{4})\s*[年/\-]\s*([0-9]{1,2})\s*[月/\-]\s*([0-9]{1,2})")]
    private static partial Regex Date();

    public static DateOnly? Parse(string? text)
    {
        // NFKC folds full-width digits and separators into ASCII.
        if (text is null || Date().Match(text.Normalize(NormalizationForm.FormKC)) is not { Success: true } m) return null;
        var (year, month, day) = (Number(m.Groups[1]), Number(m.Groups[2]), Number(m.Groups[3]));
        return DateOnly.TryParseExact($"{year:D4}-{month:D2}-{day:D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && year >= 1
            ? date
            : null;
    }

    static int Number(Group digits) => int.Parse(digits.ValueSpan, CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// Dates as DLsite writes them: "2017年01月04日", "2023年01月21日 16時", "2026-08-22 00:00:00", "2017/01/04",
/// full-width digits too ("２０２６-08-22"); in its other languages "2026년 09월 04일" and "Sep/04/2026". These are days in
/// Japan; a timestamp with an offset ("2020-12-03T15:00:00Z", as DLsite's newer APIs write) is read as its day in Japan.
/// Anything that is no calendar date (year 0000, 2月30日) is unknown.
/// </summary>
public static partial class StoreDate
{
    [GeneratedRegex(@"([0-9]{4})\s*[年년/\-.]\s*([0-9]{1,2})\s*[月월/\-.]\s*([0-9]{1,2})")]
    private static partial Regex YearFirst();

    /// <summary>English pages: month name, day, year ("Sep/04/2026", "September 4, 2026").</summary>
    [GeneratedRegex(@"\b([A-Za-z]{3,9})\.?[/\s]+([0-9]{1,2})(?:st|nd|rd|th)?[/\s,]+([0-9]{4})\b")]
    private static partial Regex MonthFirst();

    /// <summary>An ISO 8601 timestamp that says its offset: Z, +00:00, +0900.</summary>
    [GeneratedRegex(@"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(?:Z|[+-][0-9]{2}:?[0-9]{2})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WithOffset();

    /// <summary>DLsite releases at 0時 or 16時 JST: 0時 is 15:00 UTC the day before, so a UTC day would be a day early.</summary>
    static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    public static DateOnly? Parse(string? text)
    {
        if (text is null) return null;
        // NFKC folds full-width digits and separators into ASCII.
        var folded = text.Normalize(NormalizationForm.FormKC);
        if (WithOffset().IsMatch(folded) && DateTimeOffset.TryParse(folded, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return DateOnly.FromDateTime(instant.ToOffset(Japan).DateTime);
        if (YearFirst().Match(folded) is { Success: true } m)
            return Date(Number(m.Groups[1]), Number(m.Groups[2]), Number(m.Groups[3]));
        if (MonthFirst().Match(folded) is { Success: true } e && Month(e.Groups[1].Value) is { } month)
            return Date(Number(e.Groups[3]), month, Number(e.Groups[2]));
        return null;
    }

    static DateOnly? Date(int year, int month, int day) =>
        DateOnly.TryParseExact($"{year:D4}-{month:D2}-{day:D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && year >= 1
            ? date
            : null;

    /// <summary>"Sep", "Sept" or "September" → 9; any other word is no month.</summary>
    static int? Month(string name)
    {
        var months = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var i = 1; i <= 12; i++)
            if (name.Equals(months.GetMonthName(i), StringComparison.OrdinalIgnoreCase)
                || name.Equals(months.GetAbbreviatedMonthName(i), StringComparison.OrdinalIgnoreCase)
                || (i == 9 && name.Equals("Sept", StringComparison.OrdinalIgnoreCase)))
                return i;
        return null;
    }

    static int Number(Group digits) => int.Parse(digits.ValueSpan, CultureInfo.InvariantCulture);
}

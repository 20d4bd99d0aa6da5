using System.Text.RegularExpressions;

namespace Konomi.Crawler.Parsing;

/// <summary>DLsite product ids: RJ/BJ/VJ and 6 or 8 digits, leading zeros kept (RJ01171092 is not RJ1171092).</summary>
public static partial class WorkIds
{
    [GeneratedRegex(@"^(RJ|BJ|VJ)([0-9]{6}|[0-9]{8})$")]
    private static partial Regex Exact();

    // 8 digits first so "RJ01307318" is never cut to its first 6 digits.
    [GeneratedRegex(@"(?<![A-Z0-9])(?:RJ|BJ|VJ)(?:[0-9]{8}|[0-9]{6})(?![0-9])")]
    private static partial Regex Embedded();

    public static bool IsValid(string? id) => id is not null && Exact().IsMatch(id);

    /// <summary>The first id inside a URL or text, or null.</summary>
    public static string? Find(string? text) => text is null ? null : Embedded().Match(text) is { Success: true } m ? m.Value : null;
}

namespace Konomi.Crawler.Parsing;

/// <summary>
/// The language codes DLsite puts among a listed work's attributes (<c>input.__product_attributes</c>: maker, sex, type, then
/// option codes such as JPN, SND, AIP). Only these codes count: an option Konomi does not know is never taken for a language,
/// so a work without words (sound effects alone) is never taken for a translation.
/// </summary>
public static class WorkLanguages
{
    public const string Japanese = "JPN";

    static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        Japanese, "ENG", "CHI", "CHI_HANS", "CHI_HANT", "KO_KR", "KOR", "SPA", "DEU", "GER", "FRE", "FRA", "ITA", "POR",
        "RUS", "IND", "THA", "VIE", "ARA", "SWE",
    };

    /// <summary>The language codes among <paramref name="attributes"/>, in their order.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> attributes) => [.. attributes.Select(a => a.Trim()).Where(Codes.Contains).Distinct()];

    /// <summary>Languages are listed and Japanese is not among them: an edition in another language of a Japanese work.</summary>
    public static bool IsTranslation(IReadOnlyList<string> languages) =>
        languages.Count > 0 && !languages.Contains(Japanese, StringComparer.OrdinalIgnoreCase);
}

using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// One work as a listing shows it. <paramref name="Author"/> is the first creator only (often the voice actor);
/// <paramref name="AgeCategory"/> is the item's age label (R-15 on the all-ages floor, 全年齢 on the adult one), else its floor's;
/// <paramref name="Languages"/> the language codes among its attributes (JPN, ENG, CHI_HANS…), empty when it shows none.
/// </summary>
public sealed record ListedWork(
    string Id,
    string Title,
    string Circle,
    string? Author,
    string? WorkType,
    AgeCategory AgeCategory,
    int? PriceYen,
    string Url,
    string? ThumbnailUrl,
    IReadOnlyList<string> Languages)
{
    /// <summary>Listed in other languages and not in Japanese: a translated edition, which the crawl skips.</summary>
    public bool IsTranslation => WorkLanguages.IsTranslation(Languages);

    /// <summary>
    /// The work as far as the listing tells it: no genres, description, release date or creators (the listing does not
    /// say which role its one author has).
    /// </summary>
    public Work AsWork() => new()
    {
        Id = Id,
        Title = Title,
        Circle = Circle,
        AgeCategory = AgeCategory,
        WorkType = WorkType ?? "",
        PriceYen = PriceYen,
        Url = Url,
        ThumbnailUrl = ThumbnailUrl,
    };
}

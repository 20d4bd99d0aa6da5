using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>One work as a listing shows it. <paramref name="Author"/> is the first creator only (often the voice actor).</summary>
public sealed record ListedWork(
    string Id,
    string Title,
    string Circle,
    string? Author,
    string? WorkType,
    int? PriceYen,
    string Url,
    string? ThumbnailUrl)
{
    /// <summary>
    /// The work as far as the listing tells it: no genres, description, release date or creators (the listing does not
    /// say which role its one author has), and the age of its floor, as a work page without an age label has.
    /// </summary>
    public Work AsWork() => new()
    {
        Id = Id,
        Title = Title,
        Circle = Circle,
        AgeCategory = AgeLabels.FromFloor(WorkPageParser.Floor(Url)),
        WorkType = WorkType ?? "",
        PriceYen = PriceYen,
        Url = Url,
        ThumbnailUrl = ThumbnailUrl,
    };
}

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
    string? ThumbnailUrl);

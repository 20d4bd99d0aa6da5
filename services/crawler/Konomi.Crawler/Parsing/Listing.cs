namespace Konomi.Crawler.Parsing;

/// <summary>A listing page's works in page order, and the total DLsite reports for the search when it says.</summary>
public sealed record Listing(IReadOnlyList<ListedWork> Works, int? TotalCount);

using AngleSharp.Dom;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// DLsite's maintenance page, which it serves with HTTP 200 in place of any page or product.json while the site is down:
/// no work, error-box or listing markup, and メンテナンス (or "maintenance") in its title or heading. A work titled so
/// still has its outline, so it is never taken for one.
/// </summary>
public static class MaintenancePages
{
    static readonly string Structure = $"#work_outline, #work_name, .error_box_work, {LabelledRows.DefinitionLists}, {ListingPageParser.ResultLists}";

    public static bool Is(IDocument page) =>
        page.QuerySelector(Structure) is null
        && new[] { page.Title, page.QuerySelector("h1, h2")?.TextContent }.Any(text =>
            text is not null && (text.Contains("メンテナンス") || text.Contains("maintenance", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A body that is HTML (not the JSON asked for) and DLsite's maintenance page.</summary>
    public static bool Is(string body) => body.TrimStart().StartsWith('<') && Is(HtmlDocuments.Parse(body));

    public static CrawlException Error(string document) =>
        new(CrawlErrorKind.Maintenance, $"the {document} is DLsite's maintenance page: the site is down, not the work");
}

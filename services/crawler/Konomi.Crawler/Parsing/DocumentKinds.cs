using System.Text.Json;

namespace Konomi.Crawler.Parsing;

/// <summary>Tells a saved DLsite response apart by its content, not its file name.</summary>
public static class DocumentKinds
{
    public static DocumentKind Detect(string content)
    {
        var start = content.TrimStart();
        if (start.StartsWith('[') || start.StartsWith('{')) return DetectJson(content);
        var page = HtmlDocuments.Parse(content);
        if (page.QuerySelector($"#work_outline, #work_name, .error_box_work, {LabelledRows.DefinitionLists}") is not null) return DocumentKind.WorkPage;
        return ListingPageParser.LooksLikeListing(page) ? DocumentKind.Listing : DocumentKind.Unknown;
    }

    static DocumentKind DetectJson(string content)
    {
        try
        {
            using var json = JsonDocument.Parse(content);
            var root = json.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => DocumentKind.ProductJson,
                JsonValueKind.Object when root.Get("workno") is not null => DocumentKind.ProductJson,
                JsonValueKind.Object when root.EnumerateObject().Any(p => WorkIds.IsValid(p.Name)) => DocumentKind.ProductInfo,
                _ => DocumentKind.Unknown,
            };
        }
        catch (JsonException)
        {
            return DocumentKind.Unknown;
        }
    }
}

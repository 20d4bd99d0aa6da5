namespace Konomi.Crawler.DLsite;

/// <summary>The DLsite addresses the crawler reads, under any base origin.</summary>
public static class DLsiteUrls
{
    /// <summary>Newest first by release date, Japanese works, the given work type categories (audio = ボイス・ASMR).</summary>
    public static Uri Listing(Uri baseUrl, string floor, IReadOnlyList<string> categories, int page)
    {
        var filters = string.Concat(categories.Select((c, i) => $"/work_type_category%5B{i}%5D/{Uri.EscapeDataString(c)}"));
        return new Uri(baseUrl, $"/{floor}/fsr/=/language/jp{filters}/order/release_d/page/{page}");
    }

    /// <summary>One work per call: DLsite answers [] to a comma list.</summary>
    public static Uri ProductJson(Uri baseUrl, string floor, string workId) => new(baseUrl, $"/{floor}/api/=/product.json?workno={workId}");

    public static Uri WorkPage(Uri baseUrl, string floor, string workId) => new(baseUrl, $"/{floor}/work/=/product_id/{workId}.html");
}

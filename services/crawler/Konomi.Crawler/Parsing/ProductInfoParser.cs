using System.Text.Json;
using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary><c>/{floor}/product/info/ajax?product_id=ID,…</c>: live counts keyed by work id.</summary>
public static class ProductInfoParser
{
    public static IReadOnlyDictionary<string, Popularity> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new CrawlException(CrawlErrorKind.Malformed, "product info is not an object keyed by work id");
            return document.RootElement.EnumerateObject()
                .Where(p => WorkIds.IsValid(p.Name) && p.Value.ValueKind == JsonValueKind.Object)
                .ToDictionary(p => p.Name, p => new Popularity(
                    p.Value.Int("dl_count"),
                    p.Value.Int("wishlist_count"),
                    p.Value.Number("rate_average_2dp"),
                    p.Value.Int("rate_count")));
        }
        catch (JsonException e)
        {
            throw new CrawlException(CrawlErrorKind.Malformed, $"product info is not valid JSON: {e.Message}");
        }
    }
}

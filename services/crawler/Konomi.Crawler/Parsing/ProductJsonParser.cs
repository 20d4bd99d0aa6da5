using System.Text.Json;
using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// <c>/{floor}/api/=/product.json?workno=ID</c>: an array of one work. Numbers sometimes come as strings,
/// empty objects as [], and one voice_by entry can pack several people as "A|B".
/// </summary>
public static class ProductJsonParser
{
    public static ParsedWork Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw StandInPages.Error(json, "product.json") ?? new CrawlException(CrawlErrorKind.Malformed, $"product.json is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            var product = root.ValueKind switch
            {
                JsonValueKind.Array when root.GetArrayLength() == 0 => throw new CrawlException(CrawlErrorKind.NotFound, "product.json returned no work (unknown, withdrawn or not yet released)"),
                JsonValueKind.Array => root[0],
                JsonValueKind.Object => root,
                _ => throw new CrawlException(CrawlErrorKind.Malformed, "product.json is neither an array nor an object"),
            };
            return Parse(product);
        }
    }

    static ParsedWork Parse(JsonElement product)
    {
        var id = new[] { product.String("workno"), product.String("product_id") }.FirstOrDefault(WorkIds.IsValid)
            ?? throw new CrawlException(CrawlErrorKind.Malformed, "product.json has no valid workno");
        var title = product.String("work_name") ?? product.String("product_name")
            ?? throw new CrawlException(CrawlErrorKind.Malformed, $"{id}: product.json has no work_name");
        var announced = product.Flag("is_ana");
        var floor = product.String("site_id") ?? "maniax";
        var creators = product.Get("creaters") ?? default;
        var age = AgeLabels.FromLabel(product.String("age_category")) ?? AgeLabels.FromLabel(product.String("age_category_string"));
        var work = new Work
        {
            Id = id,
            // work_name is the name the circle gave, as the page's heading shows it: DLsite's sale badges go on the page's <title> alone.
            Title = title.Trim(),
            Circle = product.String("maker_name") ?? "",
            Series = product.String("series_name") ?? product.String("title_name"),
            Authors = Names(creators, "created_by"),
            ScenarioWriters = Names(creators, "scenario_by"),
            Illustrators = Names(creators, "illust_by"),
            VoiceActors = Names(creators, "voice_by"),
            Genres = [.. product.Items("genres").Select(g => g.String("name")).OfType<string>().Distinct()],
            Description = product.String("intro") ?? product.String("intro_s") ?? product.String("introductions") ?? "",
            ReleaseDate = announced ? null : StoreDate.Parse(product.String("regist_date")),
            AgeCategory = age ?? AgeLabels.FromFloor(floor),
            WorkType = product.String("work_type") ?? "",
            PriceYen = product.Int("price"),
            Url = $"https://www.dlsite.com/{floor}/{(announced ? "announce" : "work")}/=/product_id/{id}.html",
            ThumbnailUrl = Thumbnails.Link((product.Get("image_main") ?? default).String("url")),
            Popularity = Popularity(product),
        };
        var (translation, original) = Translation(product, id);
        return new ParsedWork(work, announced ? WorkStatus.Announced : WorkStatus.Released, IsTranslation: translation, OriginalWork: original)
        {
            AgeFromFloor = age is null,
            Unread = UnreadFields.Of(
                ("releaseDate", announced ? null : product.String("regist_date"), work.ReleaseDate is not null),
                ("ageCategory", product.String("age_category") ?? product.String("age_category_string"), age is not null)),
        };
    }

    /// <summary>
    /// The original work of a translated edition: <c>translation_info</c> marks it a child (みんなで翻訳) or names an original
    /// other than itself. Each edition has its own id, so without this a translation looks like one more new work.
    /// </summary>
    static (bool IsTranslation, string? Original) Translation(JsonElement product, string id)
    {
        if (product.Get("translation_info") is not { ValueKind: JsonValueKind.Object } info) return (false, null);
        var original = new[] { info.String("original_workno"), info.String("parent_workno") }.FirstOrDefault(w => WorkIds.IsValid(w) && w != id);
        return (original is not null || info.Flag("is_child") || info.Flag("is_translation_bonus_child"), original);
    }

    static IReadOnlyList<string> Names(JsonElement creators, string role) =>
        [.. creators.Items(role)
            .SelectMany(c => (c.String("name") ?? "").Split('|'))
            .Select(n => n.Trim())
            .Where(n => n.Length > 0)
            .Distinct()];

    /// <summary>Ratings from rate_count_detail (stars → count) and rate_average_star (45 = 4.5); sales and wishlist come from product/info/ajax.</summary>
    static Popularity? Popularity(JsonElement product)
    {
        // A count that is no whole number in range makes the whole detail unknown rather than wrong.
        var detail = product.Get("rate_count_detail") is { ValueKind: JsonValueKind.Object } d
            ? d.EnumerateObject().Select(p => (Stars: int.TryParse(p.Name, out var s) && s is >= 0 and <= 5 ? s : -1, Count: p.Value.Count())).ToList()
            : [];
        var usable = detail.Count > 0 && detail.All(x => x.Stars >= 0 && x.Count is not null);
        var total = usable ? detail.Sum(x => (long)x.Count!.Value) : 0;
        var count = usable && total <= int.MaxValue ? (int)total : (int?)null;
        var average = count > 0
            ? Math.Round(detail.Sum(x => x.Stars * (double)x.Count!.Value) / count.Value, 2)
            : product.Number("rate_average_star") is { } star and >= 0 and <= 50 ? star / 10 : (double?)null;
        var sales = product.Int("dl_count");
        var wishlist = product.Int("wishlist_count");
        return count is null && average is null && sales is null && wishlist is null ? null : new Popularity(sales, wishlist, average, count);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// Search and new-release listings: the 2022 grid (<c>li.search_result_img_box_inner</c>, <c>dt#_link_ID</c>), the
/// 2026 one (<c>li[data-list_item_product_id]</c>) and the /new calendar (<c>.n_worklist_item</c>). Only the result
/// list counts: recommend blocks elsewhere on the page hold more ids than the results.
/// </summary>
public static partial class ListingPageParser
{
    const string Items = "li[data-list_item_product_id], li.search_result_img_box_inner, .n_worklist_item, table.work_1col_table tr";

    [GeneratedRegex(@"\d[\d,]*")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\btype_([A-Z0-9]{3})\b")]
    private static partial Regex TypeClass();

    [GeneratedRegex(@"window\[['""]x['""]\]\s*=\s*(\{.*?\});", RegexOptions.Singleline)]
    private static partial Regex PagerScript();

    [GeneratedRegex(@"'(//[^']+\.(?:jpg|png|webp))'")]
    private static partial Regex QuotedImage();

    internal const string ResultLists = "#search_result_img_box, #search_result_list, .n_worklist, .work_1col_table";

    public static bool LooksLikeListing(IDocument page) => page.QuerySelector(ResultLists) is not null;

    /// <param name="address">The listing's own address, which its relative work links are relative to; DLsite's origin when not given (a saved page).</param>
    public static Listing Parse(string html, Uri? address = null) => Parse(HtmlDocuments.ParseWhole(html, "listing"), address);

    public static Listing Parse(IDocument page, Uri? address = null)
    {
        address ??= DLsiteOrigin;
        if (!LooksLikeListing(page))
        {
            // A search with no results may leave its result list out altogether: the floor has no works, which is no error.
            if (ShowsNoResults(page)) return new Listing([], 0);
            throw StandInPages.Error(page, "listing")
                ?? new CrawlException(CrawlErrorKind.Malformed, "not a DLsite listing page (no #search_result_img_box, .n_worklist or .work_1col_table)");
        }
        var scope = (IParentNode?)page.QuerySelector("#search_result_list") ?? page;
        var works = scope.QuerySelectorAll(Items)
            .Where(item => item.ParentElement?.Closest(Items) is null)
            .Select(item => Work(item, address))
            .OfType<ListedWork>()
            .DistinctBy(w => w.Id)
            .ToList();
        // A result list that links works none of whose items read is a layout Konomi does not know, not an empty page:
        // read as empty, the crawl would see no new works, quietly, for as long as the layout stays.
        if (works.Count == 0 && LinkedWorks(page) is > 0 and var linked)
            throw new CrawlException(CrawlErrorKind.Malformed, $"the listing's result list links {linked} works but none reads as a result item (a listing layout Konomi does not read)");
        return new Listing(works, TotalCount(page));
    }

    /// <summary>Words DLsite and its peers show for a search without results, in the languages a listing comes in.</summary>
    static readonly string[] NoResults =
    [
        "該当作品がありません", "該当する作品がありません", "該当する作品はありません", "該当作品はありません", "検索結果がありません",
        "検索結果はありません", "作品が見つかりませんでした", "No works found", "No results", "검색 결과가 없습니다", "没有找到", "沒有找到",
    ];

    /// <summary>A pager counting 0 works, or the words a search page shows when it found none.</summary>
    static bool ShowsNoResults(IDocument page) =>
        TotalCount(page) == 0
        || (page.Body?.TextContent is { } text && NoResults.Any(words => text.Contains(words, StringComparison.OrdinalIgnoreCase)));

    static int LinkedWorks(IDocument page) =>
        page.QuerySelectorAll(ResultLists).SelectMany(list => list.QuerySelectorAll("a[href*='product_id']"))
            .Select(a => WorkIds.Find(a.GetAttribute("href"))).OfType<string>().Distinct().Count();

    internal static readonly Uri DLsiteOrigin = new("https://www.dlsite.com/");

    /// <summary>A link as written (absolute, "//host/…", "/floor/…", "work/…") made absolute against the page's address.</summary>
    internal static string? Absolute(string? href, Uri address) =>
        href is not null && Uri.TryCreate(address, href.Trim(), out var url) ? url.ToString() : href;

    static ListedWork? Work(IElement item, Uri address)
    {
        var link = item.QuerySelector(".work_name a[href]");
        var id = new[]
        {
            item.GetAttribute("data-list_item_product_id"),
            WorkIds.Find(item.QuerySelector("dt[id^='_link_']")?.Id),
            WorkIds.Find(item.QuerySelector("input.__product_attributes")?.Id),
            item.QuerySelector("[data-product_id]")?.GetAttribute("data-product_id"),
            WorkIds.Find(link?.GetAttribute("href")),
        }.FirstOrDefault(WorkIds.IsValid);
        if (id is null) return null;
        // An item whose title does not read (a renamed link, a title left to a script) is still a work: the crawl takes the
        // title from the work's own product.json and page, so dropping it here would lose the work without a word.
        var title = link?.GetAttribute("title") is { Length: > 0 } full ? full : link?.TextContent.Trim() ?? "";

        var maker = item.QuerySelector(".maker_name");
        var attributes = item.QuerySelector("input.__product_attributes")?.GetAttribute("value")?.Split(',');
        var typeClass = item.QuerySelector(".work_category")?.ClassName is { } c ? TypeClass().Match(c) : null;
        // A relative link read as it is would lose its floor (an all-ages work read as adult): it is made absolute first;
        // an item with no link at all is on the listing's own floor.
        var url = Absolute(link?.GetAttribute("href") ?? item.QuerySelector("a[href*='product_id']")?.GetAttribute("href"), address)
            ?? $"https://www.dlsite.com/{WorkPageParser.Floor(address.ToString())}/work/=/product_id/{id}.html";
        return new ListedWork(
            id,
            title,
            maker?.Children.FirstOrDefault(e => e.TagName == "A")?.TextContent.Trim() ?? maker?.QuerySelector("a")?.TextContent.Trim() ?? "",
            maker?.QuerySelector(".author a")?.TextContent.Trim() ?? item.QuerySelector(".author a")?.TextContent.Trim(),
            typeClass is { Success: true } ? typeClass.Groups[1].Value : attributes is { Length: > 2 } ? attributes[2] : null,
            Age(item, url),
            Price(item),
            url,
            Thumbnail(item, address),
            WorkLanguages.Of(attributes ?? []));
    }

    /// <summary>
    /// The item's age label: an item shows one only when it differs from its floor's (an R-15 work among all-ages ones,
    /// 全年齢 among adult ones); none is the floor's age.
    /// </summary>
    static AgeCategory Age(IElement item, string url)
    {
        var labels = item.QuerySelectorAll("dd.work_genre span").ToList();
        return labels.Select(s => AgeLabels.FromLabel(s.GetAttribute("title"))).FirstOrDefault(a => a is not null)
            ?? labels.SelectMany(s => s.ClassList).Select(AgeLabels.FromIconClass).FirstOrDefault(a => a is not null)
            ?? AgeLabels.FromFloor(WorkPageParser.Floor(url));
    }

    /// <summary>The current price, not the struck-through original of a discounted work; a free work's 無料 is 0.</summary>
    static int? Price(IElement item)
    {
        var price = item.QuerySelector(".work_price .work_price_base") ?? item.QuerySelector(".work_price");
        if (price is null) return null;
        return Digits().Match(price.TextContent) is { Success: true } m ? int.TryParse(m.Value.Replace(",", ""), out var yen) ? yen : null
            : WorkPageParser.Free(price.TextContent) ? 0 : null;
    }

    static string? Thumbnail(IElement item, Uri address)
    {
        var candidates = item.QuerySelector("thumb-with-ng-filter-block")?.GetAttribute(":thumb-candidates");
        if (candidates is not null && QuotedImage().Match(candidates) is { Success: true } m)
            return Thumbnails.Link(m.Groups[1].Value, address);
        // Only a picture on DLsite's image host ("//img.dlsite.jp/…"): a lazy image's src on this page may be a placeholder.
        var src = item.QuerySelector("img.lazy, .work_thumb_inner img")?.GetAttribute("src");
        return src?.StartsWith("//") == true ? Thumbnails.Link(src, address) : null;
    }

    /// <summary>2026: <c>window['x'] = {"pager":{"count":…}}</c>; 2022: "3909件中 1～100件目".</summary>
    static int? TotalCount(IDocument page)
    {
        foreach (var script in page.QuerySelectorAll("script"))
        {
            if (PagerScript().Match(script.TextContent) is not { Success: true } m) continue;
            try
            {
                using var json = JsonDocument.Parse(m.Groups[1].Value);
                if ((json.RootElement.Get("pager") ?? default).Int("count") is { } count) return count;
            }
            catch (JsonException)
            {
                // A pager script that is not JSON: fall back to the visible total below.
            }
        }
        return page.QuerySelector(".page_total strong")?.TextContent is { } total && int.TryParse(total.Replace(",", ""), out var n) ? n : null;
    }
}

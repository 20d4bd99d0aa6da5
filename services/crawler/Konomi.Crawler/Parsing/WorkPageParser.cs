using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// A DLsite work or announce (予告) page, 2016 to today, read by label text. Error pages that DLsite
/// serves with HTTP 200 (region blocks, withdrawn works) throw a typed <see cref="CrawlException"/>.
/// </summary>
public static partial class WorkPageParser
{
    [GeneratedRegex(@"/work_type/([A-Z0-9]{3})(?:/|$)")]
    private static partial Regex WorkTypeLink();

    [GeneratedRegex(@"^icon_([A-Z0-9]{3})$")]
    private static partial Regex WorkTypeIcon();

    [GeneratedRegex(@"\s*(?:\[[^\]]*\]\s*)?(?:予告作品\s*)?\|\s*DLsite.*$")]
    private static partial Regex TitleSuffix();

    [GeneratedRegex(@"\d[\d,]*")]
    private static partial Regex Digits();

    [GeneratedRegex(@"url\(\s*['""]?([^'"")]+)")]
    private static partial Regex BackgroundImage();

    public static ParsedWork Parse(string html, Uri? address = null) => Parse(HtmlDocuments.ParseWhole(html, "work page"), address);

    public static ParsedWork Parse(IDocument page, Uri? address = null)
    {
        if (StandInPages.Error(page, "work page") is { } standIn) throw standIn;
        // A relative canonical link would lose its floor: absolute against the page's address (DLsite's origin for a saved page).
        var canonical = ListingPageParser.Absolute(page.QuerySelector("link[rel=canonical]")?.GetAttribute("href")
            ?? page.QuerySelector("meta[property='og:url']")?.GetAttribute("content"), address ?? ListingPageParser.DLsiteOrigin)
            ?? address?.ToString();
        var contents = AnalyticsContents.Detail(page);
        var id = WorkIds.Find(canonical)
            ?? page.QuerySelector("[data-product-id]")?.GetAttribute("data-product-id")
            ?? contents?.String("id");
        ThrowIfErrorBox(page, id);
        // A work page that came back a listing (a withdrawn or removed work's page redirected) is gone, as with a 404, not malformed.
        if (!WorkIds.IsValid(id) && ListingPageParser.LooksLikeListing(page))
            throw new CrawlException(CrawlErrorKind.NotFound, "the work page is a listing (a redirect from a withdrawn or removed work's page)");
        if (!WorkIds.IsValid(id))
            throw new CrawlException(CrawlErrorKind.Malformed, "no DLsite work id (RJ/BJ/VJ + 6 or 8 digits) in the page");
        var title = Title(page)
            ?? throw new CrawlException(CrawlErrorKind.Malformed, $"{id}: the work page has no title (#work_name, og:title and <title> all empty)");
        if (page.QuerySelector($"#work_outline, {LabelledRows.DefinitionLists}") is null)
            throw new CrawlException(CrawlErrorKind.Malformed, $"{id}: not a work page (no #work_outline table or product-info list)");

        var outline = LabelledRows.Of(page, "#work_outline");
        var maker = LabelledRows.Of(page, "#work_maker");
        var announced = outline.Cell(OutlineLabels.AnnouncedOn) is not null || canonical?.Contains("/announce/") == true;
        var floor = Floor(canonical);
        var saleDay = announced ? null : outline.Text(OutlineLabels.ReleasedOn);
        var saleDate = StoreDate.Parse(saleDay);
        var ageCell = outline.Cell(OutlineLabels.Age);
        var age = Age(ageCell);
        var rated = page.QuerySelector("meta[name=rating]")?.GetAttribute("content") == "adult" ? AgeCategory.Adult : (AgeCategory?)null;
        var typeCell = outline.Cell(OutlineLabels.WorkType);
        var type = WorkType(typeCell);
        var work = new Work
        {
            Id = id!,
            Title = title,
            // Only the work's own maker link: a .maker_name elsewhere on the page is a recommended work's circle.
            Circle = maker.Names(OutlineLabels.Maker).FirstOrDefault()
                ?? maker.Names(OutlineLabels.Authors).FirstOrDefault()
                ?? page.QuerySelector("#work_maker .maker_name a, .maker_name[itemprop=brand] a")?.TextContent.Trim() ?? "",
            Series = outline.Names(OutlineLabels.Series).FirstOrDefault() ?? contents?.String("series_name"),
            // Books write their author (著者/作者) among the maker rows, voice works theirs (作者) in the outline.
            Authors = [.. outline.Names(OutlineLabels.Authors).Concat(maker.Names(OutlineLabels.Authors)).Distinct()],
            ScenarioWriters = outline.Names(OutlineLabels.Scenario),
            Illustrators = outline.Names(OutlineLabels.Illustration),
            VoiceActors = outline.Names(OutlineLabels.VoiceActors),
            Genres = outline.Names(OutlineLabels.Genres),
            // The itemprop first: its class is the fallback for a page without it, never another block that comes earlier.
            Description = (page.QuerySelector("[itemprop=description]") ?? page.QuerySelector(".work_parts_container")) is { } description ? PageText.Of(description) : "",
            ReleaseDate = announced ? null : saleDate ?? StoreDate.Parse(contents?.String("regist_date")),
            AgeCategory = age ?? rated ?? AgeLabels.FromFloor(floor),
            WorkType = type ?? contents?.String("work_type") ?? "",
            PriceYen = Price(page, id!, contents),
            Url = $"https://www.dlsite.com/{floor}/{(announced ? "announce" : "work")}/=/product_id/{id}.html",
            ThumbnailUrl = Thumbnail(page, address),
        };
        // The announce box's date, else the sale-day row, which an announce page may fill with a span ("2025年05月下旬 予定").
        var expected = announced ? PageText.OneLine(page.QuerySelector(".work_date_ana")?.TextContent) ?? PageText.OneLine(outline.Text(OutlineLabels.ReleasedOn)) : null;
        return new ParsedWork(work, announced ? WorkStatus.Announced : WorkStatus.Released, expected)
        {
            AgeFromFloor = age is null && rated is null,
            Unread = UnreadFields.Of(
                ("releaseDate", saleDay, saleDate is not null),
                ("ageCategory", ageCell is null ? null : PageText.OneLine(ageCell.TextContent) ?? ageCell.QuerySelector("[title]")?.GetAttribute("title"), age is not null),
                ("workType", typeCell?.TextContent, type is not null)),
        };
    }

    /// <summary>
    /// The main picture: the slider's first (2021+), else the 2016 layout's #work_visual background, else og:image, which
    /// on those older pages is only the small sample (_ana_img_sam). Each in turn: one that is no web address leaves the next.
    /// </summary>
    static string? Thumbnail(IDocument page, Uri? address) =>
        Thumbnails.Link(page.QuerySelector(".product-slider-data > div[data-src]")?.GetAttribute("data-src"), address)
        ?? Thumbnails.Link(page.QuerySelector("#work_visual[style]")?.GetAttribute("style") is { } style && BackgroundImage().Match(style) is { Success: true } m ? m.Groups[1].Value : null, address)
        ?? Thumbnails.Link(page.QuerySelector("meta[property='og:image']")?.GetAttribute("content"), address);

    static void ThrowIfErrorBox(IDocument page, string? id)
    {
        if (page.QuerySelector(".error_box_work, #main_inner > .error_box") is not { } box) return;
        // Its words as one line, however the box breaks them (a <br>, one <p> a line): the reason is stored and listed as one.
        var reason = PageText.OneLine(box.QuerySelector(".title_text")?.TextContent) ?? PageText.OneLine(box.TextContent) ?? "";
        var kind = reason.Contains("国・地域") || reason.Contains("country", StringComparison.OrdinalIgnoreCase) ? CrawlErrorKind.RegionBlocked : CrawlErrorKind.Unavailable;
        throw new CrawlException(kind, $"{id ?? "work"}: {(kind == CrawlErrorKind.RegionBlocked ? "region-blocked" : "unavailable")}: {reason}");
    }

    /// <summary>
    /// h1#work_name (its inner &lt;a&gt; until 2022), else og:title without " [circle] | DLsite", else the &lt;title&gt;, the one
    /// place DLsite puts its sale badges (【30%OFF】): only there do they go, as a circle's own 【無料】 or 【セール記念】 is its title.
    /// The first that has words: a heading left for a script to fill is empty, and the next one tells.
    /// </summary>
    static string? Title(IDocument page) =>
        new[] { page.QuerySelector("#work_name")?.TextContent, page.QuerySelector("meta[property='og:title']")?.GetAttribute("content") }
            .Select(heading => heading is null ? null : TitleSuffix().Replace(heading.Trim(), "").Trim())
            .Append(page.Title is { } tab ? SaleTitle.Strip(TitleSuffix().Replace(tab.Trim(), "")).Trim() : null)
            .FirstOrDefault(title => !string.IsNullOrWhiteSpace(title));

    internal static string Floor(string? canonical) =>
        canonical is not null && Uri.TryCreate(canonical, UriKind.Absolute, out var uri) && uri.Segments.Length > 1
            ? uri.Segments[1].Trim('/')
            : "maniax";

    /// <summary>The age the age row's label or icon tells; none when there is no row or it says something else.</summary>
    static AgeCategory? Age(IElement? cell)
    {
        var labels = cell?.QuerySelectorAll("span[title]").Select(s => s.GetAttribute("title")).Append(cell.TextContent) ?? [];
        return labels.Select(AgeLabels.FromLabel).FirstOrDefault(a => a is not null)
            ?? cell?.QuerySelectorAll("span[class]").SelectMany(s => s.ClassList).Select(AgeLabels.FromIconClass).FirstOrDefault(a => a is not null);
    }

    /// <summary>The work type link (/work_type/SOU), not the category (同人ソフト) or option icons (音楽あり).</summary>
    static string? WorkType(IElement? cell)
    {
        if (cell is null) return null;
        return cell.QuerySelectorAll("a[href]").Select(a => WorkTypeLink().Match(a.GetAttribute("href")!)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            ?? cell.QuerySelectorAll("span[class]").Select(s => WorkTypeIcon().Match(s.ClassName!)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
    }

    /// <summary>A price that says the work is free (無料, Free) where others give a number.</summary>
    internal static bool Free(string price) => price.Contains("無料") || price.Contains("free", StringComparison.OrdinalIgnoreCase);

    /// <summary>The tax-included price a buyer pays now: the 2024+ ga4 data attribute, the noscript block, else the analytics script.</summary>
    static int? Price(IDocument page, string id, JsonElement? contents)
    {
        if (page.QuerySelector($".ga4_event_item_{id}[data-price]")?.GetAttribute("data-price") is { } ga4 && int.TryParse(ga4, out var price))
            return price;
        // Not a struck-through original price (a sale shows both); a free work's price says 無料 where others give a number.
        var shown = page.QuerySelectorAll("#work_price .work_buy_content span.price:not(.strike), .work_buy_content span.price:not(.strike)")
            .Select(s => s.TextContent).FirstOrDefault(text => Digits().IsMatch(text) || Free(text));
        if (shown is not null && Digits().Match(shown) is { Success: true } yen && int.TryParse(yen.Value.Replace(",", ""), out price))
            return price;
        if (shown is not null && Free(shown))
            return 0;
        // The analytics price excludes the 10% consumption tax; its discount, when there is one, includes it (0 is none).
        return (contents?.Int("discount") is > 0 and var discounted ? discounted : (int?)null) ?? (contents?.Number("price") is { } net and >= 0 and < int.MaxValue / 2 ? (int)Math.Round(net * 1.1) : null);
    }
}

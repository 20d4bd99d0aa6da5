using System.Net;
using System.Text.Json.Nodes;
using Konomi.Testing;

namespace Konomi.Emulators.DLsite;

/// <summary>
/// Pages built from the real DLsite fixtures in ../shared/fixtures/dlsite: the fixture's own markup with the
/// emulated work's id, title, circle, voice actor, date and price put where the fixture had its own.
/// </summary>
sealed class DLsitePages
{
    const string ListingFixture = "m4tsu_dlsite-feed-home_new-voice-listing_2026-09.html";
    const string ProductFixture = "m4tsu_dlsite-product-RJ01698658.json";
    const string WorkFixture = "dlsite-go_work_RJ189758.html";
    const string AnnounceFixture = "dlsite-go_announce_RJ275695.html";
    const string BlockedFixture = "dlsite-go_work_RJ01307318_region-blocked_EXCERPT_2025-05.html";

    readonly string _listingHead;
    readonly string _listingItem;
    readonly string _product = Read(ProductFixture);
    readonly string _work = Read(WorkFixture);
    readonly string _announce = Read(AnnounceFixture);
    readonly string _blocked = Read(BlockedFixture);

    public DLsitePages()
    {
        var listing = Read(ListingFixture);
        var list = listing.IndexOf("<ul id=\"search_result_img_box\"", StringComparison.Ordinal);
        var first = listing.IndexOf("<li", list, StringComparison.Ordinal);
        _listingHead = listing[..list];
        // An item holds nested <li>s (its cart buttons): it ends where the next item starts.
        var second = listing.IndexOf("<li\n  data-list_item_product_id", first + 1, StringComparison.Ordinal);
        _listingItem = listing[first..second].TrimEnd();
    }

    public const int PageSize = 30;

    /// <summary>One page of a floor's newest works, inside #search_result_list, with a recommend block of other ids beside it (the trap real pages have).</summary>
    public string Listing(IReadOnlyList<EmulatedWork> newestFirst, int page, IReadOnlyList<string> recommended)
    {
        var items = newestFirst.Skip((page - 1) * PageSize).Take(PageSize).Select(ListingItem);
        var lastPage = Math.Max(1, (newestFirst.Count + PageSize - 1) / PageSize);
        var recommend = string.Concat(recommended.Select(id => $"<li><a href=\"https://www.dlsite.com/maniax/work/=/product_id/{id}.html\">{id}</a></li>"));
        return _listingHead
            + "<div id=\"search_result_list\" class=\"_search_result_list\">\n<ul id=\"search_result_img_box\" class=\"n_worklist\">\n"
            + string.Join("\n", items) + "\n</ul>\n</div>\n"
            + $"<div class=\"recommend_list\"><ul>{recommend}</ul></div>\n"
            + $"<script>window['x'] = {{\"url\":\"\",\"pager\":{{\"count\":{newestFirst.Count},\"page\":{page},\"last_page\":{lastPage}}}}};</script>\n</body>\n</html>\n";
    }

    string ListingItem(EmulatedWork work) => _listingItem
        .Replace("RJ01724737", work.Id).Replace("RJ01725000", Bucket(work.Id))
        .Replace("『「頑張りすぎ」って年上彼女に叱られて、そのまま甘やかされる夜。』", Html(work.Title))
        .Replace("月明かりの寝室", Html(work.Circle))
        .Replace("/home/", $"/{work.Floor}/")
        .Replace(">495<", $">{work.PriceYen}<");

    /// <summary>The real 2026 product.json response (an array of one) carrying this work's fields.</summary>
    public string ProductJson(EmulatedWork work)
    {
        var product = JsonNode.Parse(_product)!.AsArray()[0]!.AsObject();
        foreach (var field in new[] { "workno", "product_id", "base_product_id" })
            product[field] = work.Id;
        foreach (var field in new[] { "work_name", "work_name_masked", "product_name" })
            product[field] = work.Title;
        product["maker_name"] = work.Circle;
        product["site_id"] = work.Floor;
        product["age_category"] = work.Floor == "home" ? 1 : 3;
        product["age_category_string"] = work.Floor == "home" ? "general" : "adult";
        product["regist_date"] = $"{work.ReleaseDate:yyyy-MM-dd} 00:00:00";
        product["price"] = work.PriceYen;
        product["is_ana"] = work.State == EmulatedWorkState.Announced;
        product["creaters"]!["voice_by"]![0]!["name"] = work.VoiceActor;
        // DLsite sends some numbers as strings; keep one so clients stay lenient.
        product["official_price"] = (work.PriceYen + 200).ToString();
        return new JsonArray(product.DeepClone()).ToJsonString();
    }

    public string WorkPage(EmulatedWork work)
    {
        var page = _work
            .Replace("RJ189758", work.Id).Replace("RJ190000", Bucket(work.Id))
            .Replace("意地悪な機械人形に完全支配される音声 地獄級射精禁止オナニーサポート4 ヘルエグゼキューション", Html(work.Title))
            .Replace("B-bishop", Html(work.Circle))
            .Replace("ゅかにゃん", Html(work.VoiceActor))
            .Replace("2017年01月04日", $"{work.ReleaseDate:yyyy年MM月dd日}")
            .Replace("1,100<i>円</i>", $"{work.PriceYen:#,0}<i>円</i>")
            .Replace("/maniax/", $"/{work.Floor}/");
        return work.Floor == "home"
            ? page.Replace("<span class=\"icon_ADL\" title=\"18禁\">18禁</span>", "<span class=\"icon_GEN\" title=\"全年齢\">全年齢</span>")
            : page;
    }

    public string AnnouncePage(EmulatedWork work) => _announce
        .Replace("RJ275695", work.Id)
        .Replace("貞操帯所有者のための強制ED化調教", Html(work.Title))
        .Replace("Chastity Fancier(性的禁欲愛好家)", Html(work.Circle))
        .Replace("/maniax/", $"/{work.Floor}/");

    public string RegionBlockedPage(EmulatedWork work) => _blocked.Replace("RJ01307318", work.Id);

    public static string MalformedPage => "<!DOCTYPE html><html lang=\"ja-jp\"><head><title>DLsite</title></head><body><div id=\"main\"><p>{{ work.name }}</p></div></body></html>";

    /// <summary>
    /// What DLsite serves, with HTTP 200, for every page and product.json while it is down for maintenance: no work or
    /// listing markup, メンテナンス in the title and heading. No maintenance page was found saved; this follows the notices
    /// DLsite posts (info.eisys.co.jp) and the shape such pages have.
    /// </summary>
    public static string MaintenancePage => "<!DOCTYPE html><html lang=\"ja-jp\"><head><meta charset=\"utf-8\"><title>メンテナンス中 | DLsite</title></head>"
        + "<body><div class=\"maintenance\"><h1>ただいまメンテナンス中です</h1><p>ご不便をおかけいたしますが、終了までしばらくお待ちください。</p></div></body></html>";

    public static string ChallengePage => "<!DOCTYPE html><html><head><title>DLsite</title></head><body><p>アクセスが集中しています。しばらくしてから再度お試しください。</p></body></html>";

    public static string NotFoundPage => "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><p>お探しのページは見つかりませんでした。</p></body></html>";

    /// <summary>Image folders round the id up to the next thousand: RJ01307318 → RJ01308000.</summary>
    static string Bucket(string id)
    {
        var digits = id[2..];
        var number = (long.Parse(digits) + 999) / 1000 * 1000;
        return id[..2] + number.ToString().PadLeft(digits.Length, '0');
    }

    static string Html(string text) => WebUtility.HtmlEncode(text);

    static string Read(string name) => File.ReadAllText(Repository.Fixture(Path.Combine("dlsite", name)));
}

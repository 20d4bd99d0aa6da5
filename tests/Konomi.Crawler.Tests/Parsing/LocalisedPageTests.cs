using System.Text.Json;
using AngleSharp.Dom;
using Konomi.Contracts;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

/// <summary>
/// DLsite serves its pages in five languages; a redirect can drop the crawler's locale cookie and a page a user saves
/// comes in their own. Each real page here is rewritten as DLsite writes it in another language (its row labels,
/// its dates) and must read as the same work.
/// </summary>
public class LocalisedPageTests
{
    static readonly Dictionary<string, Dictionary<string, string>> Labels = new()
    {
        ["en_US"] = new()
        {
            ["販売日"] = "Release date", ["予告開始日"] = "Published date", ["サークル名"] = "Circle", ["シリーズ名"] = "Series name",
            ["作者"] = "Author", ["シナリオ"] = "Scenario", ["イラスト"] = "Illustration", ["声優"] = "Voice Actor",
            ["ジャンル"] = "Genre", ["年齢指定"] = "Age", ["作品形式"] = "Product format", ["ファイル形式"] = "File format",
        },
        ["ko_KR"] = new()
        {
            ["販売日"] = "판매일", ["予告開始日"] = "예고 개시일", ["サークル名"] = "서클명", ["シリーズ名"] = "시리즈명", ["作者"] = "저자",
            ["シナリオ"] = "시나리오", ["イラスト"] = "일러스트", ["声優"] = "성우", ["ジャンル"] = "장르", ["年齢指定"] = "연령 지정",
            ["作品形式"] = "작품 형식", ["ファイル形式"] = "파일 형식",
        },
        ["zh_CN"] = new()
        {
            ["販売日"] = "发售日", ["予告開始日"] = "预告开始日", ["サークル名"] = "社团名", ["シリーズ名"] = "系列名", ["作者"] = "作者",
            ["シナリオ"] = "剧本", ["イラスト"] = "插画", ["声優"] = "声优", ["ジャンル"] = "分类", ["年齢指定"] = "年龄指定",
        },
        ["zh_TW"] = new()
        {
            ["販売日"] = "販賣日", ["予告開始日"] = "預告開始日", ["サークル名"] = "社團名", ["シリーズ名"] = "系列名", ["作者"] = "作者",
            ["シナリオ"] = "劇本", ["イラスト"] = "插畫", ["声優"] = "聲優", ["ジャンル"] = "分類", ["年齢指定"] = "年齡指定",
        },
    };

    public static TheoryData<string, string> Pages() => new()
    {
        { "dlsite-go_work_RJ189758.html", "en_US" }, { "dlsite-go_work_RJ189758.html", "ko_KR" },
        { "dlsite-go_work_RJ189758.html", "zh_CN" }, { "dlsite-go_work_RJ189758.html", "zh_TW" },
        { "dlsite-go_work_RJ126928.html", "en_US" }, { "dlsite-go_work_RJ265946.html", "en_US" },
        { "dlsite-go_announce_RJ275695.html", "en_US" }, { "dlsite-go_2018_announce-layout_RJ189758.html", "en_US" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_page_in_another_language_reads_as_the_same_work(string page, string locale)
    {
        var html = Fixtures.Read(page);
        var japanese = WorkPageParser.Parse(html);
        var document = HtmlDocuments.Parse(html);
        var rewritten = Localise(document, locale);

        var localised = WorkPageParser.Parse(document);

        rewritten.ShouldBeGreaterThanOrEqualTo(5, "the page's rows were rewritten");
        localised.Status.ShouldBe(japanese.Status);
        Json(localised.Work).ShouldBe(Json(japanese.Work));
        japanese.Work.Genres.ShouldNotBeEmpty("the Japanese page has rows to lose");
    }

    [Fact]
    public void The_age_icon_is_read_by_its_class_when_its_words_are_in_an_unknown_language()
    {
        var document = HtmlDocuments.Parse(Fixtures.Read("dlsite-go_work_RJ189758.html"));
        var icon = document.QuerySelector("#work_outline span.icon_ADL")!;
        icon.ClassName = "icon_R15";
        icon.SetAttribute("title", "?");
        icon.TextContent = "?";

        WorkPageParser.Parse(document).Work.AgeCategory.ShouldBe(AgeCategory.R15);
    }

    /// <summary>Rewrites the labels and the dates of the outline and maker rows; returns how many labels it rewrote.</summary>
    static int Localise(IDocument document, string locale)
    {
        var rewritten = 0;
        foreach (var label in document.QuerySelectorAll("#work_outline th, #work_maker th"))
        {
            var japanese = label.TextContent.Replace("\u00a0", "").Replace(":", "").Trim();
            if (!Labels[locale].TryGetValue(japanese, out var local)) continue;
            label.TextContent = local;
            rewritten++;
            if (japanese is "販売日" && label.NextElementSibling?.QuerySelector("a") is { } date && StoreDate.Parse(date.TextContent) is { } day)
                date.TextContent = locale switch
                {
                    "en_US" => day.ToString("MMM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                    "ko_KR" => $"{day.Year}년 {day.Month:D2}월 {day.Day:D2}일",
                    _ => date.TextContent,
                };
        }
        return rewritten;
    }

    static string Json(Work work) => JsonSerializer.Serialize(work, KonomiJson.Options);
}

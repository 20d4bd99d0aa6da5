using System.Text.Json;
using AngleSharp.Dom;
using Konomi.Contracts;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

/// <summary>
/// DLsite's newer Vue-rendered product pages write the outline and maker rows as a definition list
/// (<c>dl.c-productInfo__box</c>, dt label then dd cell) instead of th/td tables. Each real page here has its tables
/// rewritten so, cells moved as they are, and must read as the same work: each dt and dd straight in the list, each
/// pair wrapped in a div (as HTML allows and components often render), and each name of a cell in a dd of its own.
/// </summary>
public class DefinitionListPageTests
{
    public enum Layout { Flat, Grouped, OneNamePerCell }

    static readonly string[] PageFiles =
    [
        "dlsite-go_work_RJ189758.html", "dlsite-go_work_RJ126928.html", "dlsite-go_work_RJ265946.html",
        "dlsite-go_announce_RJ275695.html", "dlsite-go_2018_announce-layout_RJ189758.html",
    ];

    public static TheoryData<string, Layout> Pages() =>
        [.. PageFiles.SelectMany(page => Enum.GetValues<Layout>().Select(layout => (page, layout)))];

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_page_whose_rows_are_a_definition_list_reads_as_the_same_work(string page, Layout layout)
    {
        var html = Fixtures.Read(page);
        var tables = WorkPageParser.Parse(html);
        var document = HtmlDocuments.Parse(html);

        var rows = AsDefinitionLists(document, layout);

        rows.ShouldBeGreaterThanOrEqualTo(5, "the page's rows were rewritten");
        if (layout == Layout.Grouped) document.QuerySelectorAll("dl > div > dt").ShouldNotBeEmpty();
        if (layout == Layout.OneNamePerCell) document.QuerySelectorAll("dt + dd + dd").ShouldNotBeEmpty("a cell of several names");
        document.QuerySelector("#work_outline, #work_maker").ShouldBeNull();
        var listed = WorkPageParser.Parse(document);
        listed.Status.ShouldBe(tables.Status);
        Json(listed.Work).ShouldBe(Json(tables.Work));
        tables.Work.Genres.ShouldNotBeEmpty("the table page has rows to lose");
        DocumentKinds.Detect(document.DocumentElement.OuterHtml).ShouldBe(DocumentKind.WorkPage);
    }

    [Fact]
    public void A_page_with_neither_tables_nor_a_product_info_list_is_still_malformed()
    {
        var document = HtmlDocuments.Parse(Fixtures.Read("dlsite-go_work_RJ189758.html"));
        AsDefinitionLists(document);
        foreach (var list in document.QuerySelectorAll("dl.c-productInfo__box")) list.ClassName = "c-other";

        Should.Throw<CrawlException>(() => WorkPageParser.Parse(document)).Kind.ShouldBe(CrawlErrorKind.Malformed);
    }

    /// <summary>Replaces the outline and maker tables by product-info lists with the same cells; returns the rows moved.</summary>
    static int AsDefinitionLists(IDocument document, Layout layout = Layout.Flat)
    {
        var moved = 0;
        foreach (var table in document.QuerySelectorAll("#work_outline, #work_maker").ToList())
        {
            var list = document.CreateElement("dl");
            list.ClassName = "c-productInfo__box";
            foreach (var row in table.QuerySelectorAll("tr"))
            {
                if (row.QuerySelector("th") is not { } label || row.QuerySelector("td") is not { } cell) continue;
                var dt = document.CreateElement("dt");
                dt.TextContent = label.TextContent;
                IElement group = list;
                if (layout == Layout.Grouped) group = (IElement)list.AppendChild(document.CreateElement("div"));
                group.AppendChild(dt);
                var links = cell.QuerySelectorAll("a").ToList();
                if (layout == Layout.OneNamePerCell && links.Count > 1)
                    foreach (var link in links)
                        group.AppendChild(document.CreateElement("dd")).AppendChild(link);
                else
                {
                    var dd = document.CreateElement("dd");
                    foreach (var child in cell.ChildNodes.ToList()) dd.AppendChild(child);
                    group.AppendChild(dd);
                }
                moved++;
            }
            table.Replace(list);
        }
        return moved;
    }

    static string Json(Work work) => JsonSerializer.Serialize(work, KonomiJson.Options);
}

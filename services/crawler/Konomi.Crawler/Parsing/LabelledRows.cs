using System.Text;
using AngleSharp.Dom;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// A th/td table read by its label text, never by row position: DLsite adds and drops rows per work and
/// wrote labels as "販売日&amp;nbsp;:&amp;nbsp;" until 2018. Labels match whatever their spacing, colons, width and case
/// ("Voice Actor" = "voice actor"), so one list of labels per field serves every language (<see cref="OutlineLabels"/>).
/// The same rows written as a definition list (<c>dl.c-productInfo__box</c>: dt label, dd cell), as DLsite's newer
/// Vue-rendered product pages write them, read alike.
/// </summary>
public sealed class LabelledRows(IEnumerable<(IElement? Label, IElement? Cell)> rows)
{
    /// <summary>The product-info definition lists of DLsite's newer layout.</summary>
    public const string DefinitionLists = "dl.c-productInfo__box";

    readonly Dictionary<string, IElement> _cells = rows
        .Where(r => r.Label is not null && r.Cell is not null)
        .GroupBy(r => Normalize(r.Label!.TextContent))
        .ToDictionary(g => g.Key, g => g.First().Cell!);

    /// <summary>The rows of the tables <paramref name="tableSelector"/> picks, then those of the page's product-info lists.</summary>
    public static LabelledRows Of(IParentNode document, string tableSelector) =>
        new(document.QuerySelectorAll($"{tableSelector} tr").Select(r => (r.QuerySelector("th"), r.QuerySelector("td")))
            // Any dt of the list, also one wrapped with its dd in a div as HTML allows.
            .Concat(document.QuerySelectorAll($"{DefinitionLists} dt").Select(dt => ((IElement?)dt, Described(dt)))));

    /// <summary>
    /// The dd after a dt, up to the next dt; several (one per creator or genre) are read as one cell whose parts are
    /// apart by "/", as a table cell's names are.
    /// </summary>
    static IElement? Described(IElement dt)
    {
        List<IElement> cells = [];
        for (var next = dt.NextElementSibling; next is { LocalName: "dd" }; next = next.NextElementSibling) cells.Add(next);
        if (cells.Count <= 1) return cells.FirstOrDefault();
        var joined = dt.Owner!.CreateElement("dd");
        foreach (var cell in cells)
        {
            if (joined.HasChildNodes) joined.AppendChild(dt.Owner.CreateTextNode(" / "));
            joined.AppendChild(cell.Clone());
        }
        return joined;
    }

    /// <summary>The cell of the first label present.</summary>
    public IElement? Cell(params string[] labels) =>
        labels.Select(l => _cells.GetValueOrDefault(Normalize(l))).FirstOrDefault(c => c is not null);

    /// <summary>
    /// Each link text (creators, genres), else the text split on "/", of every row one of the labels names, in label order:
    /// a page with both 作者 and 原作 rows has two kinds of author.
    /// </summary>
    public IReadOnlyList<string> Names(params string[] labels) =>
        [.. labels.Select(l => _cells.GetValueOrDefault(Normalize(l))).OfType<IElement>().Distinct().SelectMany(NamesIn)
            .Select(n => n.Trim()).Where(n => n.Length > 0).Distinct()];

    static IEnumerable<string> NamesIn(IElement cell)
    {
        var links = cell.QuerySelectorAll("a").Select(a => a.TextContent).ToList();
        return links.Count > 0 ? links : cell.TextContent.Split('/');
    }

    public string? Text(params string[] labels) => Cell(labels)?.TextContent.Trim() is { Length: > 0 } text ? text : null;

    static string Normalize(string label) =>
        new([.. label.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ':').Select(char.ToLowerInvariant)]);
}

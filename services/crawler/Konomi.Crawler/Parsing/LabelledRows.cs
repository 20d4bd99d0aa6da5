using System.Text;
using AngleSharp.Dom;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// A th/td table read by its label text, never by row position: DLsite adds and drops rows per work and
/// wrote labels as "販売日&amp;nbsp;:&amp;nbsp;" until 2018. Labels match whatever their spacing, colons, width and case
/// ("Voice Actor" = "voice actor"), so one list of labels per field serves every language (<see cref="OutlineLabels"/>).
/// </summary>
public sealed class LabelledRows(IEnumerable<IElement> rows)
{
    readonly Dictionary<string, IElement> _cells = rows
        .Select(r => (Label: r.QuerySelector("th"), Cell: r.QuerySelector("td")))
        .Where(r => r.Label is not null && r.Cell is not null)
        .GroupBy(r => Normalize(r.Label!.TextContent))
        .ToDictionary(g => g.Key, g => g.First().Cell!);

    public static LabelledRows Of(IParentNode document, string tableSelector) =>
        new(document.QuerySelectorAll($"{tableSelector} tr"));

    /// <summary>The cell of the first label present.</summary>
    public IElement? Cell(params string[] labels) =>
        labels.Select(l => _cells.GetValueOrDefault(Normalize(l))).FirstOrDefault(c => c is not null);

    /// <summary>Each link text of the cell (creators, genres), else its text split on "/".</summary>
    public IReadOnlyList<string> Names(params string[] labels)
    {
        if (Cell(labels) is not { } cell) return [];
        var links = cell.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ToList();
        var names = links.Count > 0 ? links : [.. cell.TextContent.Split('/')];
        return [.. names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct()];
    }

    public string? Text(params string[] labels) => Cell(labels)?.TextContent.Trim() is { Length: > 0 } text ? text : null;

    static string Normalize(string label) =>
        new([.. label.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ':').Select(char.ToLowerInvariant)]);
}

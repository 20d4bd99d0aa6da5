using Spectre.Console;

namespace Konomi.Cli.Terminal;

/// <summary>
/// Plain-text columns padded by terminal cells, not characters: a Japanese user id (太郎) takes two cells a letter,
/// so <c>{id,-12}</c> would push every column after it out of line. Each column is as wide as its widest cell; the
/// last is not padded. A note is a line of its own under a row, indented past the first column.
/// </summary>
public sealed class TextTable(params TextTable.Column[] columns)
{
    public readonly record struct Column(string Header, bool AlignRight = false);

    readonly List<(string[] Cells, string? Note)> rows = [];

    public bool ShowHeader { get; init; } = true;

    public void Add(params string[] cells) => rows.Add((cells, null));

    /// <summary>A line under the last row, beginning under its second column.</summary>
    public void Note(string note) => rows.Add(([], note));

    /// <summary>Nothing when there are no rows: a header over nothing reads as a failure.</summary>
    public void Write(TextWriter output)
    {
        if (rows.Count == 0) return;
        var widths = columns.Select((c, i) => rows.Where(r => r.Note is null).Select(r => r.Cells[i].GetCellWidth())
            .Append(ShowHeader ? c.Header.GetCellWidth() : 0).Max()).ToArray();
        if (ShowHeader) output.WriteLine(Line(columns.Select(c => c.Header).ToArray(), widths));
        foreach (var (cells, note) in rows)
            output.WriteLine(note is null ? Line(cells, widths) : new string(' ', widths[0] + 2) + note);
    }

    string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) =>
        {
            var padding = new string(' ', widths[i] - cell.GetCellWidth());
            return columns[i].AlignRight ? padding + cell : i == cells.Length - 1 ? cell : cell + padding;
        }));
}

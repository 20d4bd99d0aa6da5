using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Konomi.Crawler.Parsing;

/// <summary>The readable text of an element: &lt;br&gt; and block ends become line breaks, scripts are dropped.</summary>
public static partial class PageText
{
    static readonly HashSet<string> Blocks = ["P", "DIV", "H1", "H2", "H3", "H4", "LI", "UL", "OL", "DT", "DD", "TR", "TABLE"];

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>The words of <paramref name="text"/> on one line, however it breaks them; null when there are none.</summary>
    public static string? OneLine(string? text) => text is null ? null : Spaces().Replace(text, " ").Trim() is { Length: > 0 } line ? line : null;

    public static string Of(IElement element)
    {
        var text = new StringBuilder();
        Append(element, text);
        var lines = text.ToString().Replace('\u00a0', ' ').Split('\n').Select(l => l.Trim(' ', '\t'));
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data.Replace("\r", "").Replace("\n", ""));
                    break;
                case IElement { TagName: "BR" }:
                    text.Append('\n');
                    break;
                case IElement { TagName: "SCRIPT" or "STYLE" or "NOSCRIPT" or "TEMPLATE" }:
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.TagName);
                    if (block) text.Append('\n');
                    Append(e, text);
                    if (block) text.Append('\n');
                    break;
            }
        }
    }
}

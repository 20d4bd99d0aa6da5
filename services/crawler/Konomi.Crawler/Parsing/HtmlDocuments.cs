using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// Parses HTML only when its elements nest no deeper than a real page's. The HTML tree builder walks the stack
/// of open elements for every start tag, so a page of thousands of unclosed elements takes minutes (a 1.2 MB
/// page of unclosed divs ran past 300 s); such a page is refused as malformed in one linear scan instead.
/// </summary>
public static class HtmlDocuments
{
    /// <summary>Far beyond any DLsite page (their deepest nesting is a few dozen elements).</summary>
    public const int MaxDepth = 1000;

    static readonly HashSet<string> SelfClosing = new(StringComparer.OrdinalIgnoreCase)
    {
        // Void elements, and elements whose end tag is optional because the next sibling closes them.
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "rtc",
        "colgroup", "caption", "html", "head", "body",
    };

    static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

    /// <summary>
    /// A whole page only: every DLsite page closes its html element, so one that does not was cut off on the way (a
    /// dropped connection, an interrupted download) and is refused as truncated, not read as a work without the rows,
    /// description or listed works past the cut.
    /// </summary>
    public static IHtmlDocument ParseWhole(string html, string document) => IsWhole(html) ? Parse(html) : throw CutOff(html, document);

    public static CrawlException CutOff(string html, string document) =>
        new(CrawlErrorKind.Truncated, $"the {document} ends before </html> ({html.Length} chars): cut off, not read");

    public static bool IsWhole(string html) => html.Contains("</html>", StringComparison.OrdinalIgnoreCase);

    public static IHtmlDocument Parse(string html)
    {
        var depth = NestingDepth(html);
        if (depth > MaxDepth)
            throw new CrawlException(CrawlErrorKind.Malformed, $"the page nests more than {MaxDepth} elements deep: not parsed");
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>
    /// The deepest nesting of elements that need an end tag, counting an end tag as closing one level. One pass:
    /// every step moves past what it read (a tag, a comment, a script's text), so no page makes it slow.
    /// </summary>
    public static int NestingDepth(string html)
    {
        int depth = 0, deepest = 0;
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length; i = html.IndexOf('<', i))
        {
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var endOfComment = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (endOfComment < 0) break;
                i = endOfComment + 3;
                continue;
            }
            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var nameStart = i + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-')) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i++;
                continue;
            }
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) break;
            var name = html[nameStart..nameEnd];
            i = tagEnd + 1;
            if (!closing && RawText.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                // Its text is no markup: go past its end tag (or stop, if it never ends).
                var endTag = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                if (endTag < 0) break;
                i = endTag + 2 + name.Length;
                continue;
            }
            if (SelfClosing.Contains(name) || html[tagEnd - 1] == '/') continue;
            if (closing) depth = Math.Max(0, depth - 1);
            else deepest = Math.Max(deepest, ++depth);
        }
        return deepest;
    }
}

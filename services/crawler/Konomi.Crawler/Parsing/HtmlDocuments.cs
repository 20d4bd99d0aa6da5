using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// Parses HTML only when its elements nest no deeper than a real page's. The HTML tree builder walks the stack
/// of open elements for every start tag, so a page of thousands of unclosed elements takes minutes (a 1.2 MB
/// page of unclosed divs ran past 300 s); such a page is refused as malformed in one linear scan instead.
/// </summary>
public static partial class HtmlDocuments
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

    [GeneratedRegex(@"<(?:script|style|textarea|title)\b.*?</(?:script|style|textarea|title)\s*>|<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>]*?(/?))>",
        RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Tags();

    public static IHtmlDocument Parse(string html)
    {
        var depth = NestingDepth(html);
        if (depth > MaxDepth)
            throw new CrawlException(CrawlErrorKind.Malformed, $"the page nests more than {MaxDepth} elements deep: not parsed");
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>The deepest nesting of elements that need an end tag, counting an end tag as closing one level.</summary>
    public static int NestingDepth(string html)
    {
        int depth = 0, deepest = 0;
        foreach (Match tag in Tags().Matches(html))
        {
            if (!tag.Groups[2].Success || SelfClosing.Contains(tag.Groups[2].Value) || tag.Groups[3].Value == "/") continue;
            if (tag.Groups[1].Value == "/") depth = Math.Max(0, depth - 1);
            else deepest = Math.Max(deepest, ++depth);
        }
        return deepest;
    }
}

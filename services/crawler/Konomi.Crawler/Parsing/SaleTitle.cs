using System.Text.RegularExpressions;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// Removes the sale badges DLsite prepends to a work page's &lt;title&gt; while a discount runs (【30%OFF】, 【期間限定セール】…) and
/// keeps the circle's own brackets (【安眠ASMR】, 【12大特典】). Only for that &lt;title&gt;: the heading, og:title, product.json and
/// listings carry no badges (the real sale pages and JSON show none), so a bracket there is the circle's own.
/// </summary>
public static partial class SaleTitle
{
    [GeneratedRegex(@"^\s*(?:【[^】]*(?:\d+\s*[%％]\s*(?:OFF|オフ)|セール|SALE|半額|割引|還元|ポイント|無料)[^】]*】\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex SalePrefix();

    public static string Strip(string title) => SalePrefix().Replace(title, "").Trim();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// The <c>var contents = {"detail":[…]}</c> analytics script at the end of work pages (2021–2025): price
/// (tax excluded), discount (tax included), series, work type, even on region-blocked pages.
/// </summary>
public static partial class AnalyticsContents
{
    [GeneratedRegex(@"var\s+contents\s*=\s*(\{.*?\});\s*(?:</script>|$)", RegexOptions.Singleline)]
    private static partial Regex Script();

    public static JsonElement? Detail(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script"))
        {
            if (Script().Match(script.TextContent) is not { Success: true } m) continue;
            try
            {
                using var json = JsonDocument.Parse(m.Groups[1].Value);
                return json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Array && detail.GetArrayLength() > 0
                    ? detail[0].Clone()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return null;
    }
}

using AngleSharp.Dom;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// Pages served with HTTP 200 in place of the listing, work page or product.json asked for, none of which has any work,
/// error-box or listing markup: DLsite's maintenance page (メンテナンス in its title or heading), a bot challenge or captcha
/// (DLsite's own, or a CDN's: Cloudflare, AWS WAF, reCAPTCHA, hCaptcha), and a "not found" page. Each is typed, so the
/// crawl tells an outage from a page it does not read: a work titled メンテナンス or 404 still has its outline, so it is
/// never taken for one.
/// </summary>
public static class StandInPages
{
    static readonly string Structure = $"#work_outline, #work_name, .error_box_work, {LabelledRows.DefinitionLists}, {ListingPageParser.ResultLists}";

    static readonly string[] MaintenanceWords = ["メンテナンス", "maintenance"];

    /// <summary>Markup only challenge and captcha pages carry (their scripts and widgets), and the words DLsite's shows.</summary>
    static readonly string[] ChallengeMarks =
    [
        "captcha", "cf-chl", "challenge-platform", "cf-turnstile", "awswaf", "aws-waf", "just a moment",
        "attention required", "verify you are human", "アクセスが集中", "ロボットではありません", "画像認証",
    ];

    static readonly string[] NotFoundWords = ["見つかりません", "見つかりませんでした", "存在しません", "not found", "404"];

    /// <summary>The typed error for a stand-in page in place of <paramref name="document"/>; null for any other page.</summary>
    public static CrawlException? Error(IDocument page, string document)
    {
        if (page.QuerySelector(Structure) is not null) return null;
        var headings = new[] { page.Title, page.QuerySelector("h1")?.TextContent, page.QuerySelector("h2")?.TextContent }.OfType<string>().ToList();
        if (headings.Any(text => Says(text, MaintenanceWords)))
            return new(CrawlErrorKind.Maintenance, $"the {document} is DLsite's maintenance page: the site is down, not the work");
        if (Says(page.DocumentElement.OuterHtml, ChallengeMarks))
            return new(CrawlErrorKind.Challenge, $"the {document} is a bot challenge or captcha, not DLsite's page ({Heading(headings)})");
        if (headings.Any(text => Says(text, NotFoundWords)))
            return new(CrawlErrorKind.NotFound, $"the {document} is a \"not found\" page ({Heading(headings)})");
        return null;
    }

    /// <summary>The stand-in error for a body that is HTML where JSON was asked for; null for anything else.</summary>
    public static CrawlException? Error(string body, string document) =>
        body.TrimStart().StartsWith('<') ? Error(HtmlDocuments.Parse(body), document) : null;

    static bool Says(string text, string[] words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    static string Heading(List<string> headings) =>
        headings.Select(h => h.Trim()).FirstOrDefault(h => h.Length > 0) is { } h ? $"\"{(h.Length > 60 ? h[..60] + "…" : h)}\"" : "no title";
}

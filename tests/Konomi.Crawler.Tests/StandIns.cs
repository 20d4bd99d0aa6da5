using AngleSharp.Html.Parser;

namespace Konomi.Crawler.Tests;

/// <summary>
/// Pages served with HTTP 200 in place of the one asked for, built in memory from a real page: its head kept (DLsite's own
/// chrome, as a challenge in front of it keeps), its body replaced by what such a page shows.
/// </summary>
static class StandIns
{
    /// <summary>Bot challenges as DLsite or a CDN in front of it could serve them: a captcha form, Cloudflare's interstitial, AWS WAF's script.</summary>
    public static TheoryData<string> Challenges => ["captcha", "cloudflare", "aws-waf"];

    public static string Challenge(string realPage, string kind) => kind switch
    {
        "captcha" => WithBody(realPage, null,
            "<div id=\"main\"><p>アクセスが集中しています。ロボットではないことを確認してください。</p><form method=\"post\"><div class=\"g-recaptcha\" data-sitekey=\"6Lc\"></div></form></div>"),
        "cloudflare" => WithBody(realPage, "Just a moment...",
            "<div class=\"main-wrapper\"><noscript>Enable JavaScript and cookies to continue</noscript><div id=\"challenge-error-text\"></div></div><script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1\"></script>"),
        "aws-waf" => WithBody(realPage, null,
            "<div id=\"challenge-container\"></div><script src=\"https://abc.edge.sdk.awswaf.com/abc/def/challenge.js\"></script><script>AwsWafIntegration.checkForceRefresh();</script>"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string NotFound(string realPage) =>
        WithBody(realPage, "ページが見つかりません | DLsite", "<div id=\"main\"><h1>お探しのページは見つかりませんでした。</h1><p><a href=\"/home/\">トップへ</a></p></div>");

    /// <summary>The real page with its body replaced, and its title too when one is given.</summary>
    public static string WithBody(string realPage, string? title, string body)
    {
        var page = new HtmlParser().ParseDocument(realPage);
        if (title is not null) page.Title = title;
        page.Body!.InnerHtml = body;
        return page.DocumentElement.OuterHtml;
    }
}

using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// A work's picture link as DLsite writes it ("//img.dlsite.jp/…", "/modpub/…", absolute) made absolute: https for the
/// image host's "//" links, the page's address for a path. One that is still no web address, or too long to keep, is left
/// out: a picture is optional, and a work is never refused over one, as it is over a link the web app and Slack could not
/// show (<see cref="WorkLimits.LinkProblem"/>).
/// </summary>
static class Thumbnails
{
    public static string? Link(string? written, Uri? address = null)
    {
        if (written?.Trim() is not { Length: > 0 } link) return null;
        if (link.StartsWith("//", StringComparison.Ordinal)) link = "https:" + link;
        return Uri.TryCreate(address ?? ListingPageParser.DLsiteOrigin, link, out var url) && url.ToString() is var absolute
            && WorkLimits.LinkProblem("thumbnailUrl", absolute) is null
            ? absolute
            : null;
    }
}

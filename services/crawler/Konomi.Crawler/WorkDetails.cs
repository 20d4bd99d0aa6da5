using Konomi.Contracts;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler;

/// <summary>
/// One work from its two sources: product.json's structured fields first, the work page's long description
/// and, field by field, whatever the JSON lacks; the age too when the JSON's is only its floor's.
/// </summary>
public static class WorkDetails
{
    public static Work Combine(ParsedWork? parsedJson, ParsedWork? parsedPage)
    {
        var (json, page) = (parsedJson?.Work, parsedPage?.Work);
        if (json is null) return page ?? throw new ArgumentException("Neither product.json nor the work page gave the work.");
        if (page is null) return json;
        return json with
        {
            // An R-15 work on maniax whose age code does not read is R-15, as its page's age row says, not the floor's adult.
            AgeCategory = parsedJson!.AgeFromFloor && !parsedPage!.AgeFromFloor ? page.AgeCategory : json.AgeCategory,
            Title = Text(json.Title, page.Title),
            Circle = Text(json.Circle, page.Circle),
            Series = json.Series ?? page.Series,
            Authors = Names(json.Authors, page.Authors),
            ScenarioWriters = Names(json.ScenarioWriters, page.ScenarioWriters),
            Illustrators = Names(json.Illustrators, page.Illustrators),
            VoiceActors = Names(json.VoiceActors, page.VoiceActors),
            Genres = Names(json.Genres, page.Genres),
            // product.json has only the short intro_s blurb; the page has the whole text.
            Description = Text(page.Description, json.Description),
            ReleaseDate = json.ReleaseDate ?? page.ReleaseDate,
            WorkType = Text(json.WorkType, page.WorkType),
            PriceYen = json.PriceYen ?? page.PriceYen,
            ThumbnailUrl = json.ThumbnailUrl ?? page.ThumbnailUrl,
        };
    }

    static string Text(string first, string fallback) => string.IsNullOrWhiteSpace(first) ? fallback : first;

    static IReadOnlyList<string> Names(IReadOnlyList<string> first, IReadOnlyList<string> fallback) => first.Count > 0 ? first : fallback;
}

namespace Konomi.Crawler.Parsing;

/// <summary>
/// Fields a document shows in a form Konomi does not read (a 販売日 of "近日公開", an age label it does not know): each is
/// left to the work's other document, its floor, or empty, and the crawl names them in one warning per document, as a new
/// layout that blanks a field on every page is otherwise never seen.
/// </summary>
public static class UnreadFields
{
    const int ShownLength = 60;

    /// <summary>Each field whose document shows something that did not read, as <c>releaseDate "近日公開"</c>.</summary>
    public static IReadOnlyList<string> Of(params (string Field, string? Shown, bool Read)[] fields) =>
        [.. fields.Where(f => !f.Read).Select(f => (f.Field, Shown: PageText.OneLine(f.Shown))).Where(f => f.Shown is not null)
            .Select(f => $"{f.Field} \"{Shown(f.Shown!)}\"")];

    static string Shown(string text) => text.Length <= ShownLength ? text : text[..ShownLength] + "…";
}

using System.Globalization;
using System.Text.Json;

namespace Konomi.Contracts;

/// <summary>
/// What a work Konomi keeps may be, in one place: <see cref="WorkJson"/> refuses a line that breaks a rule, and the crawler
/// cuts or refuses what DLsite serves by the same rules, so every stored work's export line is read back by the import.
/// </summary>
public static class WorkLimits
{
    /// <summary>The longest work id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// Caps far above any DLsite work (titles run to a few hundred characters, descriptions to some thousands, a work
    /// to a few dozen genres) that keep one bad line from filling the store, every Slack post and the taste model's
    /// input: a 50 MB title would be stored, scored and posted (Slack cuts a section at 3,000 characters) as is.
    /// </summary>
    public const int MaxTitleLength = 1_000, MaxDescriptionLength = 100_000, MaxLinkLength = 2_000, MaxListEntries = 200, MaxEntryLength = 200;

    static readonly (string Field, int Max, Func<Work, string?> Get, Func<Work, string, Work> Set)[] Texts =
    [
        ("title", MaxTitleLength, w => w.Title, (w, v) => w with { Title = v }),
        ("circle", MaxEntryLength, w => w.Circle, (w, v) => w with { Circle = v }),
        ("series", MaxTitleLength, w => w.Series, (w, v) => w with { Series = v }),
        ("workType", MaxEntryLength, w => w.WorkType, (w, v) => w with { WorkType = v }),
        ("description", MaxDescriptionLength, w => w.Description, (w, v) => w with { Description = v }),
    ];

    static readonly (string Field, Func<Work, IReadOnlyList<string>> Get, Func<Work, IReadOnlyList<string>, Work> Set)[] Lists =
    [
        ("authors", w => w.Authors, (w, v) => w with { Authors = v }),
        ("scenarioWriters", w => w.ScenarioWriters, (w, v) => w with { ScenarioWriters = v }),
        ("illustrators", w => w.Illustrators, (w, v) => w with { Illustrators = v }),
        ("voiceActors", w => w.VoiceActors, (w, v) => w with { VoiceActors = v }),
        ("genres", w => w.Genres, (w, v) => w with { Genres = v }),
    ];

    /// <summary>Why <paramref name="id"/> is no work id (spaces around it, a control character, a comma or space, too long), or null.</summary>
    public static string? IdProblem(string id)
    {
        // ' RJ5 ' would be another work than RJ5, and never match a label or a click naming RJ5.
        if (id != id.Trim()) return $"id '{id}' has spaces around it";
        // An id is a key in every store, file and Slack button: a line break or control character in it would split
        // the labels file's row and the log line that names it.
        if (id.Any(char.IsControl)) return $"id {JsonSerializer.Serialize(id)} has a control character (a line break, a tab) in it";
        // The web app's Label page keeps its undo list as ids joined by commas, and Slack buttons carry ids in values
        // split the same way: RJ5,RJ6 would undo or label two works. DLsite's ids have neither.
        if (id.Any(c => c == ',' || char.IsWhiteSpace(c)))
            return $"id '{Shown(id)}' has a comma or a space in it: a work id is one word (DLsite's are RJ and 8 digits)";
        // A Slack button's value (2,000 characters) carries it with the user id: a longer one fails every post of it.
        if (id.Length > MaxIdLength)
            return $"id '{id[..16]}…' is {id.Length} characters: a work id is at most {MaxIdLength} (DLsite's are RJ and 8 digits)";
        return null;
    }

    /// <summary>
    /// Why <paramref name="link"/> may not be the work's <paramref name="field"/>, or null: the web app and Slack show it as a
    /// link, so only a web address, never javascript: or data: a person would click; and no longer than <see cref="MaxLinkLength"/>,
    /// as a cut link leads nowhere.
    /// </summary>
    public static string? LinkProblem(string field, string link) =>
        !IsWebAddress(link) ? $"{field} must be a web address (http:// or https://), not '{Shown(link)}'"
        : link.Length > MaxLinkLength ? new Overrun(field, link.Length, MaxLinkLength, IsList: false).ToString()
        : null;

    /// <summary>
    /// A count or price below 0, or a rating that is no number from 0 to 5 ("NaN" and "Infinity" read as numbers):
    /// the popularity prior would rank a work by it, and no DLsite page ever shows one.
    /// </summary>
    public static string? OutOfRange(Work work)
    {
        var p = work.Popularity;
        foreach (var (name, value) in new[] { ("priceYen", work.PriceYen), ("popularity.sales", p?.Sales), ("popularity.wishlist", p?.Wishlist), ("popularity.ratingCount", p?.RatingCount) })
            if (value < 0) return string.Create(CultureInfo.InvariantCulture, $"{name} must be 0 or more, not {value}");
        if (p?.RatingAverage is { } average && !(average is >= 0 and <= 5))
            return string.Create(CultureInfo.InvariantCulture, $"popularity.ratingAverage must be a number from 0 to 5, not {average}");
        return null;
    }

    /// <summary>
    /// What no cut mends: a value missing or blank (<see cref="WorkJson.Missing"/>), an id that is none, a link that is no
    /// web address or too long, a count below 0 or a rating outside 0 to 5; null when the work has none of these.
    /// </summary>
    public static string? Refusal(Work work) =>
        WorkJson.Missing(work)
        ?? IdProblem(work.Id)
        ?? LinkProblem("url", work.Url)
        ?? (work.ThumbnailUrl is { Length: > 0 } thumbnail ? LinkProblem("thumbnailUrl", thumbnail) : null)
        ?? OutOfRange(work);

    /// <summary>Each text or list of the work longer than its cap, in field order.</summary>
    public static IEnumerable<Overrun> Overruns(Work work)
    {
        foreach (var (field, max, get, _) in Texts)
            if (get(work) is { Length: var length } && length > max) yield return new(field, length, max, IsList: false);
        foreach (var (field, get, _) in Lists)
        {
            var list = get(work);
            if (list.Count > MaxListEntries) yield return new(field, list.Count, MaxListEntries, IsList: true);
            for (var i = 0; i < list.Count; i++)
                if (list[i]?.Length > MaxEntryLength) yield return new($"{field}[{i}]", list[i].Length, MaxEntryLength, IsList: false);
        }
    }

    /// <summary>
    /// The work with each text over its cap cut to it (ending in "…", so a reader sees it goes on) and each list cut to its
    /// first <see cref="MaxListEntries"/>; <c>Cut</c> names what was cut, empty when nothing was.
    /// </summary>
    public static (Work Work, IReadOnlyList<Overrun> Cut) Cut(Work work)
    {
        var cut = Overruns(work).ToList();
        if (cut.Count == 0) return (work, cut);
        foreach (var (_, max, get, set) in Texts)
            if (get(work) is { } text && text.Length > max) work = set(work, Shorten(text, max));
        foreach (var (_, get, set) in Lists)
        {
            var list = get(work);
            if (list.Count > MaxListEntries || list.Any(e => e?.Length > MaxEntryLength))
                work = set(work, [.. list.Take(MaxListEntries).Select(e => e is { Length: > MaxEntryLength } ? Shorten(e, MaxEntryLength) : e)]);
        }
        return (work, cut);
    }

    /// <summary>The first characters of <paramref name="text"/> and "…", <paramref name="max"/> in all, never half a surrogate pair.</summary>
    static string Shorten(string text, int max)
    {
        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), "…");
    }

    static bool IsWebAddress(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

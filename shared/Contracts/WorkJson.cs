using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Konomi.Contracts;

/// <summary>
/// Reads one <see cref="Work"/> in the <see cref="KonomiJson"/> shape and says, in a person's words, which field is
/// wrong: missing, null where a value is needed, or of the wrong kind. Every reader of works (import, score, the web)
/// uses it, so a work that one accepts the others accept too.
/// </summary>
public static class WorkJson
{
    static readonly string[] NonBlank = ["id", "title", "url"];

    /// <summary>The longest work id read.</summary>
    public const int MaxIdLength = 64;

    public static string Write(Work work) => JsonSerializer.Serialize(work, KonomiJson.Options);

    /// <summary>The work, or null and the problem (e.g. <c>genres must be a list of texts, not null</c>).</summary>
    public static (Work? Work, string? Problem) Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (Check(document.RootElement) is { } problem) return (null, problem);
            var work = document.RootElement.Deserialize<Work>(KonomiJson.Options)!;
            return (OutOfRange(work) ?? TooLong(work)) is { } wrong ? (null, wrong) : (work, null);
        }
        catch (JsonException e)
        {
            return (null, Describe(e));
        }
    }

    static string? Check(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return "expected a JSON object (one work)";
        var info = KonomiJson.Options.GetTypeInfo(typeof(Work));
        foreach (var property in info.Properties)
        {
            // The reader keeps the last of a field given twice (in any case) and these checks see the first, so a
            // second "title":null would be stored unchecked.
            var given = root.EnumerateObject().Where(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Name).ToList();
            if (given.Count > 1)
                return given.Distinct(StringComparer.Ordinal).Count() == 1
                    ? $"{property.Name} is given twice"
                    : $"{property.Name} is given twice (as {string.Join(" and ", given)})";
            var found = root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            var present = found.Value.ValueKind != JsonValueKind.Undefined;
            if (!present && property.IsRequired) return $"{property.Name} is missing";
            if (present && found.Value.ValueKind == JsonValueKind.Null && !property.IsSetNullable)
                return $"{property.Name} must be {Kind(property)}, not null";
            if (NonBlank.Contains(property.Name) && found.Value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(found.Value.GetString()))
                return $"{property.Name} is empty";
            // A link the web app and Slack show: only a web address, never javascript: or data: a person would click.
            if (property.Name is "url" or "thumbnailUrl" && found.Value.ValueKind == JsonValueKind.String && found.Value.GetString() is { Length: > 0 } link
                && !IsWebAddress(link))
                return $"{property.Name} must be a web address (http:// or https://), not '{(link.Length > 40 ? link[..40] + "…" : link)}'";
            // ' RJ5 ' would be another work than RJ5, and never match a label or a click naming RJ5.
            if (property.Name == "id" && found.Value.ValueKind == JsonValueKind.String && found.Value.GetString() is { } id && id != id.Trim())
                return $"id '{id}' has spaces around it";
            // An id is a key in every store, file and Slack button: a line break or control character in it would split
            // the labels file's row and the log line that names it.
            if (property.Name == "id" && found.Value.ValueKind == JsonValueKind.String && found.Value.GetString() is { } key && key.Any(char.IsControl))
                return $"id {JsonSerializer.Serialize(key)} has a control character (a line break, a tab) in it";
            // The web app's Label page keeps its undo list as ids joined by commas, and Slack buttons carry ids in values
            // split the same way: RJ5,RJ6 would undo or label two works. DLsite's ids have neither.
            if (property.Name == "id" && found.Value.ValueKind == JsonValueKind.String && found.Value.GetString() is { } joined && joined.Any(c => c == ',' || char.IsWhiteSpace(c)))
                return $"id '{(joined.Length > 40 ? joined[..40] + "…" : joined)}' has a comma or a space in it: a work id is one word (DLsite's are RJ and 8 digits)";
            // A Slack button's value (2,000 characters) carries it with the user id: a longer one fails every post of it.
            if (property.Name == "id" && found.Value.ValueKind == JsonValueKind.String && found.Value.GetString() is { Length: > MaxIdLength } tooLong)
                return $"id '{tooLong[..16]}…' is {tooLong.Length} characters: a work id is at most {MaxIdLength} (DLsite's are RJ and 8 digits)";
        }
        return null;
    }

    /// <summary>
    /// A count or price below 0, or a rating that is no number from 0 to 5 ("NaN" and "Infinity" read as numbers):
    /// the popularity prior would rank a work by it, and no DLsite page ever shows one.
    /// </summary>
    static string? OutOfRange(Work work)
    {
        var p = work.Popularity;
        foreach (var (name, value) in new[] { ("priceYen", work.PriceYen), ("popularity.sales", p?.Sales), ("popularity.wishlist", p?.Wishlist), ("popularity.ratingCount", p?.RatingCount) })
            if (value < 0) return string.Create(CultureInfo.InvariantCulture, $"{name} must be 0 or more, not {value}");
        if (p?.RatingAverage is { } average && !(average is >= 0 and <= 5))
            return string.Create(CultureInfo.InvariantCulture, $"popularity.ratingAverage must be a number from 0 to 5, not {average}");
        return null;
    }

    /// <summary>
    /// Caps far above any DLsite work (titles run to a few hundred characters, descriptions to some thousands, a work
    /// to a few dozen genres) that keep one bad line from filling the store, every Slack post and the taste model's
    /// input: a 50 MB title would be stored, scored and posted (Slack cuts a section at 3,000 characters) as is.
    /// </summary>
    public const int MaxTitleLength = 1_000, MaxDescriptionLength = 100_000, MaxLinkLength = 2_000, MaxListEntries = 200, MaxEntryLength = 200;

    static string? TooLong(Work work)
    {
        foreach (var (name, text, max) in new[]
        {
            ("title", work.Title, MaxTitleLength), ("circle", work.Circle, MaxEntryLength), ("series", work.Series, MaxTitleLength),
            ("workType", work.WorkType, MaxEntryLength), ("description", work.Description, MaxDescriptionLength),
            ("url", work.Url, MaxLinkLength), ("thumbnailUrl", work.ThumbnailUrl, MaxLinkLength),
        })
            if (text?.Length > max) return TooLong(name, text.Length, max);
        foreach (var (name, list) in new[]
        {
            ("authors", work.Authors), ("scenarioWriters", work.ScenarioWriters), ("illustrators", work.Illustrators),
            ("voiceActors", work.VoiceActors), ("genres", work.Genres),
        })
        {
            if (list.Count > MaxListEntries)
                return string.Create(CultureInfo.InvariantCulture, $"{name} has {list.Count:N0} entries: at most {MaxListEntries:N0}");
            for (var i = 0; i < list.Count; i++)
                if (list[i]?.Length > MaxEntryLength) return TooLong($"{name}[{i}]", list[i].Length, MaxEntryLength);
        }
        return null;
    }

    static string TooLong(string field, int length, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{field} is {length:N0} characters: at most {max:N0}");

    static bool IsWebAddress(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    static string Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        if (field is null) return $"not valid JSON: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}";
        var type = FieldType(field);
        var inner = e.InnerException?.Message ?? (e.Message.StartsWith("expected", StringComparison.Ordinal) ? e.Message : null);
        return type is null
            ? $"{field}: {e.Message.Split(" Path:")[0]}"
            : $"{field} must be {(inner is not null && inner.StartsWith("expected", StringComparison.Ordinal) ? inner["expected ".Length..] : Kind(type))}";
    }

    /// <summary>The type a path like <c>popularity.sales</c> or <c>genres[0]</c> names inside a work, or null.</summary>
    static Type? FieldType(string field)
    {
        Type? type = typeof(Work);
        foreach (var part in field.Replace("[", ".[").Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            type = Nullable.GetUnderlyingType(type!) ?? type;
            type = part.StartsWith('[')
                ? type!.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
                : KonomiJson.Options.GetTypeInfo(type!).Properties.FirstOrDefault(p => string.Equals(p.Name, part, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            if (type is null) return null;
        }
        return type;
    }

    /// <summary>What a person should write for this field.</summary>
    static string Kind(JsonPropertyInfo property) => Kind(property.PropertyType);

    static string Kind(Type declared)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (type == typeof(string)) return "a text";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double)) return "a number";
        if (type == typeof(DateOnly)) return "a date like 2026-08-22";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
        if (typeof(IEnumerable<string>).IsAssignableFrom(type)) return "a list of texts";
        return "an object";
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Konomi.Contracts;

/// <summary>
/// Reads one <see cref="Work"/> in the <see cref="KonomiJson"/> shape and says, in a person's words, which field is
/// wrong: missing, null where a value is needed, of the wrong kind, or against <see cref="WorkLimits"/>. Every reader of works (import, score, the web)
/// uses it, so a work that one accepts the others accept too.
/// </summary>
public static class WorkJson
{
    static readonly string[] NonBlank = ["id", "title", "url"];

    public static string Write(Work work) => JsonSerializer.Serialize(work, KonomiJson.Options);

    /// <summary>The work, or null and the problem (e.g. <c>genres must be a list of texts, not null</c>).</summary>
    public static (Work? Work, string? Problem) Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (Check(document.RootElement) is { } problem) return (null, problem);
            var work = document.RootElement.Deserialize<Work>(KonomiJson.Options)!;
            return (Missing(work) ?? WorkLimits.OutOfRange(work) ?? WorkLimits.Overruns(work).FirstOrDefault()?.ToString()) is { } wrong ? (null, wrong) : (work, null);
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
            if (property.Name is "url" or "thumbnailUrl" && found.Value.ValueKind == JsonValueKind.String && found.Value.GetString() is { Length: > 0 } link
                && WorkLimits.LinkProblem(property.Name, link) is { } wrongLink)
                return wrongLink;
            if (property.Name == "id" && found.Value.ValueKind == JsonValueKind.String && found.Value.GetString() is { } id && WorkLimits.IdProblem(id) is { } wrongId)
                return wrongId;
        }
        return null;
    }

    /// <summary>
    /// A null where a value is needed, a field (<c>title must be a text, not null</c>) or an entry of a list
    /// (<c>genres[1] must be a text, not null</c>), or a blank id, title or url, in the words <see cref="Read"/> uses; null
    /// when the work is whole. For a work that did not come through <see cref="Read"/> too: one the bus deserialized from
    /// another publisher, whose nulls the JSON reader lets through.
    /// </summary>
    public static string? Missing(Work work)
    {
        foreach (var property in KonomiJson.Options.GetTypeInfo(typeof(Work)).Properties)
        {
            var value = property.Get!(work);
            if (value is null && !property.IsSetNullable) return $"{property.Name} must be {Kind(property)}, not null";
            if (value is IReadOnlyList<string?> list)
                for (var i = 0; i < list.Count; i++)
                    if (list[i] is null) return $"{property.Name}[{i}] must be a text, not null";
            if (NonBlank.Contains(property.Name) && value is string text && string.IsNullOrWhiteSpace(text)) return $"{property.Name} is empty";
        }
        return null;
    }

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

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

    public static string Write(Work work) => JsonSerializer.Serialize(work, KonomiJson.Options);

    /// <summary>The work, or null and the problem (e.g. <c>genres must be a list of texts, not null</c>).</summary>
    public static (Work? Work, string? Problem) Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (Check(document.RootElement) is { } problem) return (null, problem);
            return (document.RootElement.Deserialize<Work>(KonomiJson.Options), null);
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
            var found = root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            var present = found.Value.ValueKind != JsonValueKind.Undefined;
            if (!present && property.IsRequired) return $"{property.Name} is missing";
            if (present && found.Value.ValueKind == JsonValueKind.Null && !property.IsSetNullable)
                return $"{property.Name} must be {Kind(property)}, not null";
            if (NonBlank.Contains(property.Name) && found.Value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(found.Value.GetString()))
                return $"{property.Name} is empty";
        }
        return null;
    }

    static string Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        if (field is null) return $"not valid JSON: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}";
        var property = KonomiJson.Options.GetTypeInfo(typeof(Work)).Properties.FirstOrDefault(p => field.StartsWith(p.Name, StringComparison.OrdinalIgnoreCase));
        var inner = e.InnerException?.Message ?? (e.Message.StartsWith("expected", StringComparison.Ordinal) ? e.Message : null);
        return property is null
            ? $"{field}: {e.Message.Split(" Path:")[0]}"
            : $"{field} must be {(inner is not null && inner.StartsWith("expected", StringComparison.Ordinal) ? inner["expected ".Length..] : Kind(property))}";
    }

    /// <summary>What a person should write for this field.</summary>
    static string Kind(JsonPropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string)) return "a text";
        if (type == typeof(int)) return "a whole number";
        if (type == typeof(DateOnly)) return "a date like 2026-08-22";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
        if (typeof(IEnumerable<string>).IsAssignableFrom(type)) return "a list of texts";
        return "an object";
    }
}

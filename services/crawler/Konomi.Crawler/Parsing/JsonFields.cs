using System.Globalization;
using System.Text.Json;

namespace Konomi.Crawler.Parsing;

/// <summary>Reads DLsite JSON leniently: numbers come as strings sometimes, empty objects as [] (PHP), absent as null.</summary>
public static class JsonFields
{
    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    public static string? String(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.String } v when v.GetString() is { Length: > 0 } s => s,
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        _ => null,
    };

    public static double? Number(this JsonElement element, string name) =>
        double.TryParse(element.String(name)?.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static int? Int(this JsonElement element, string name) => element.Number(name) is { } n ? (int)Math.Round(n) : null;

    public static bool Flag(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.Number } v => v.GetRawText() != "0",
        { ValueKind: JsonValueKind.String } v => v.GetString() is "1" or "true",
        _ => false,
    };

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}

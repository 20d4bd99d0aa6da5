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

    /// <summary>A finite number; NaN, Infinity and text that is no number are unknown.</summary>
    public static double? Number(this JsonElement element, string name) => Number(element.String(name));

    /// <summary>A whole count or price: unknown when negative, fractional beyond rounding, or past int.</summary>
    public static int? Int(this JsonElement element, string name) => Count(element.String(name));

    /// <summary>A count that must be whole as sent: 1.5 ratings is no count at all.</summary>
    public static int? Count(this JsonElement element) =>
        Count(element.ValueKind is JsonValueKind.Number or JsonValueKind.String ? element.ToString() : null) is { } n && Number(element.ToString()) == n ? n : null;

    static double? Number(string? text) =>
        double.TryParse(text?.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    static int? Count(string? text) => Number(text) is { } n && n >= 0 && n <= int.MaxValue ? (int)Math.Round(n) : null;

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

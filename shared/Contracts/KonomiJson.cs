using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Konomi.Contracts;

/// <summary>
/// The one JSON shape of Konomi's values: what <c>konomi parse</c> prints, <c>works export|import</c>, <c>score --work</c>,
/// <c>POST /score</c> and the store write and read. camelCase names, enums as lower-case words joined by '-'
/// ("all-ages", read in any case), and Japanese written as itself rather than \u escapes.
/// </summary>
public static class KonomiJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same shape, indented for people (<c>konomi parse</c>).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new KebabCaseEnumConverter() },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}

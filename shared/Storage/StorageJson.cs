using System.Text.Json;
using System.Text.Json.Serialization;

namespace Konomi.Storage;

/// <summary>One JSON shape for stored documents and the works export, so both read back what they wrote.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

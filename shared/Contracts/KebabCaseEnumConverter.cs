using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Konomi.Contracts;

/// <summary>
/// Writes an enum as its kebab-case name (<c>AllAges</c> → "all-ages") and reads any spelling of it that differs
/// only in case, '-' or '_' ("ALL-AGES", "AllAges", "all_ages"). Numbers are refused: they are not names a person reads.
/// </summary>
public sealed class KebabCaseEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Konomi runs on the JIT; enums are value types known at build time.")]
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The name an enum value is written as; also what error messages list.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    static string Key(string name) => name.Replace("-", "").Replace("_", "").ToLowerInvariant();

    sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        static readonly Dictionary<string, T> ByKey = Enum.GetValues<T>().ToDictionary(v => Key(v.ToString()));
        static readonly string Known = string.Join(", ", Enum.GetValues<T>().Select(v => Name(v)));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null;
            if (text is not null && ByKey.TryGetValue(Key(text), out var value)) return value;
            throw new JsonException($"expected one of {Known}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));
    }
}

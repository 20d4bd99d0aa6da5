using System.Text;
using System.Text.RegularExpressions;

namespace Konomi.Crawler.DLsite;

/// <summary>
/// Decodes a response body by its declared charset, including the names Japanese servers use that .NET does
/// not know (<c>windows-31j</c>, <c>cp932</c>, <c>utf8</c>); with no usable name it looks at the bytes (a meta charset,
/// valid UTF-8, else Shift_JIS) and says it guessed. A byte order mark names the encoding outright, over any declared
/// charset as browsers read it, and is dropped: left in, it is no JSON, so every product.json would be malformed.
/// Never throws on odd text: bad bytes become U+FFFD.
/// </summary>
public static partial class ResponseText
{
    static readonly Dictionary<string, int> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = 65001, ["utf-8"] = 65001, ["unicode-1-1-utf-8"] = 65001,
        // Windows-31J is Microsoft's Shift_JIS, code page 932 (which .NET also calls shift_jis).
        ["windows-31j"] = 932, ["cp932"] = 932, ["ms932"] = 932, ["ms_kanji"] = 932, ["sjis"] = 932, ["x-sjis"] = 932,
        ["shift-jis"] = 932, ["shift_jis"] = 932, ["csshiftjis"] = 932, ["csWindows31J"] = 932,
        ["eucjp"] = 51932, ["euc-jp"] = 51932, ["x-euc-jp"] = 51932,
    };

    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    static ResponseText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([A-Za-z0-9_\-.:]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    /// <summary>The text, and the name of the encoding used when the declared charset was missing or unknown (null when it was used).</summary>
    public static (string Text, string? Guessed) Decode(ReadOnlySpan<byte> body, string? charset)
    {
        if (ByteOrderMark(body) is ({ } marked, var length)) return (marked.GetString(body[length..]), null);
        if (Known(charset) is { } declared) return (declared.GetString(body), null);
        var guessed = Sniff(body);
        return (guessed.GetString(body), guessed.WebName);
    }

    static Encoding? Known(string? name)
    {
        name = name?.Trim().Trim('"', '\'');
        if (string.IsNullOrEmpty(name)) return null;
        try
        {
            return Aliases.TryGetValue(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    static (Encoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> body) =>
        body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? (Encoding.UTF8, 3)
        : body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? (Encoding.Unicode, 2)
        : body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? (Encoding.BigEndianUnicode, 2)
        : (null, 0);

    static Encoding Sniff(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 2048)]);
        if (MetaCharset().Match(head) is { Success: true } meta && Known(meta.Groups[1].Value) is { } named) return named;
        try
        {
            StrictUtf8.GetCharCount(body);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(932);
        }
    }
}

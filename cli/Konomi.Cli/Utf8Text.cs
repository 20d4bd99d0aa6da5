using System.Text;

namespace Konomi.Cli;

/// <summary>
/// A file a person gives, as UTF-8 text (a leading BOM dropped), or the first line that is not UTF-8: a Shift_JIS file
/// (Excel, Windows) would otherwise be read as replacement characters without a word, a UTF-16 one as zero bytes.
/// </summary>
public static class Utf8Text
{
    public static (string? Text, int? NotUtf8Line) Decode(ReadOnlySpan<byte> bytes)
    {
        var number = 0;
        for (var rest = bytes; rest.Length > 0 || number == 0;)
        {
            number++;
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            // A zero byte is valid UTF-8 but no text: UTF-16 (Notepad's "Unicode") stores each ASCII letter with one.
            if (!System.Text.Unicode.Utf8.IsValid(line) || line.Contains((byte)0)) return (null, number);
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }
        var text = new UTF8Encoding(false).GetString(bytes);
        return (text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, null);
    }

    /// <summary>The whole of <paramref name="input"/> (a file, standard input), decoded as <see cref="Decode"/> does; the stream is disposed.</summary>
    public static async Task<(string? Text, int? NotUtf8Line)> ReadAsync(Stream input, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (input) await input.CopyToAsync(buffer, ct);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>What a person with such a file should do.</summary>
    public const string SaveAsUtf8 = "save the file as UTF-8; in Excel, \"CSV UTF-8\"";
}

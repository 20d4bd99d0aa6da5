using System.Text;

namespace Konomi.Storage.Transfer;

/// <summary>RFC 4180 fields on one line: a field holding a comma or a quote is quoted, quotes doubled.</summary>
public static class CsvLine
{
    public static string Join(params string[] fields) => string.Join(',', fields.Select(Quote));

    /// <summary>The fields of the line, or null when a quoted field is not closed properly.</summary>
    public static IReadOnlyList<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                for (i++; ; i++)
                {
                    if (i >= line.Length) return null;
                    if (line[i] != '"') { field.Append(line[i]); continue; }
                    if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; continue; }
                    i++;
                    break;
                }
                if (i < line.Length && line[i] != ',') return null;
            }
            else
                for (; i < line.Length && line[i] != ','; i++) field.Append(line[i]);
            fields.Add(field.ToString());
            field.Clear();
            if (i >= line.Length) return fields;
            i++;
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}

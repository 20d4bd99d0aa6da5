using System.Text;

namespace Konomi.TasteModels.Evaluation;

/// <summary>An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.</summary>
public static class CsvRecords
{
    /// <summary>Each record with the line it starts on (1-based); a malformed record throws <see cref="FormatException"/> naming its line.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (reader.Peek() >= 0)
        {
            var start = line;
            fields.Clear();
            while (true)
            {
                field.Clear();
                var c = reader.Peek();
                if (c == '"')
                {
                    reader.Read();
                    while (true)
                    {
                        var q = reader.Read();
                        if (q < 0) throw new FormatException($"line {start}: a quoted field is never closed");
                        if (q == '\n') line++;
                        if (q != '"') { field.Append((char)q); continue; }
                        if (reader.Peek() == '"') { reader.Read(); field.Append('"'); continue; }
                        break;
                    }
                    c = reader.Peek();
                    if (c is not (',' or '\r' or '\n' or -1))
                        throw new FormatException($"line {line}: unexpected character '{(char)c}' after a closing quote");
                }
                else
                {
                    while ((c = reader.Peek()) is not (',' or '\r' or '\n' or -1))
                    {
                        if (c == '"') throw new FormatException($"line {line}: a quote inside an unquoted field (quote the field and double the quote)");
                        field.Append((char)reader.Read());
                    }
                }
                fields.Add(field.ToString());
                c = reader.Read();
                if (c == ',') continue;
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                line++;
                break;
            }
            yield return (start, fields.ToArray());
        }
    }
}

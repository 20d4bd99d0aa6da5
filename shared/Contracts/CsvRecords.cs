using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Konomi.Contracts;

/// <summary>
/// Konomi's CSV files (labels, evaluation and replay data), read and written by CsvHelper under RFC 4180: quoted
/// fields may hold commas, doubled quotes and line breaks; a field is quoted when it needs to be.
/// </summary>
public static class CsvRecords
{
    /// <summary>Each record with the line it starts on (1-based); a malformed record throws <see cref="FormatException"/> naming its line.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var start = 1;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = false,
            BadDataFound = bad => throw new FormatException($"line {start}: {Describe(bad.Field)}"),
        };
        using var parser = new CsvParser(reader, configuration, leaveOpen: true);
        while (parser.Read())
        {
            yield return (start, parser.Record!);
            start = parser.RawRow + 1;
        }
    }

    /// <summary>Writes the records (a header is one), quoting only the fields that need it.</summary>
    public static void Write(TextWriter writer, IEnumerable<IEnumerable<string>> records)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\n",
            // Every character that could end or split the field, \r included whatever NewLine is.
            ShouldQuote = field => field.Field.AsSpan().IndexOfAny(",\"\r\n") >= 0,
        };
        using var csv = new CsvWriter(writer, configuration, leaveOpen: true);
        foreach (var record in records)
        {
            foreach (var field in record) csv.WriteField(field);
            csv.NextRecord();
        }
    }

    static string Describe(string field)
    {
        if (!field.StartsWith('"')) return "a quote inside an unquoted field (quote the field and double the quote)";
        for (var i = 1; i < field.Length; i++)
        {
            if (field[i] != '"') continue;
            if (i + 1 < field.Length && field[i + 1] == '"') { i++; continue; }
            return i + 1 < field.Length ? $"unexpected character '{field[i + 1]}' after a closing quote" : "a quoted field is never closed";
        }
        return "a quoted field is never closed";
    }
}

using System.Globalization;
using Konomi.Contracts;

namespace Konomi.Cli.Replay;

/// <summary>The replay file: header <c>id,text,label,time</c> (label 0/1, time in unix seconds), read in arrival order (time, then id).</summary>
public static class ReplayFile
{
    public static IReadOnlyList<ReplayItem> Read(TextReader reader)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray() is not ["id", "text", "label", "time"])
            throw new FormatException("line 1: expected the header id,text,label,time");
        var items = new List<ReplayItem>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields is [""]) continue;
            if (fields.Length != 4) throw new FormatException($"line {line}: {fields.Length} fields, expected 4 (id,text,label,time)");
            if (fields[2].Trim() is not ("0" or "1")) throw new FormatException($"line {line}: label '{fields[2]}' is not 0 or 1");
            if (!long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var time))
                throw new FormatException($"line {line}: time '{fields[3]}' is not unix seconds");
            items.Add(new ReplayItem(fields[0], fields[1], fields[2].Trim() == "1", time));
        }
        return [.. items.OrderBy(i => i.Time).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    public static void Write(TextWriter writer, IEnumerable<ReplayItem> items)
    {
        CsvRecords.Write(writer, [["id", "text", "label", "time"],
            .. items.Select(i => new[] { i.Id, i.Text, i.Liked ? "1" : "0", i.Time.ToString(CultureInfo.InvariantCulture) })]);
    }
}

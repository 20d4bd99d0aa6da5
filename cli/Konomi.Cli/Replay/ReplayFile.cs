using System.Globalization;
using Konomi.Contracts;

namespace Konomi.Cli.Replay;

/// <summary>
/// The replay file: header <c>id,text,label,time</c> (label 0/1, time in unix seconds), each id once and each line a work
/// <see cref="WorkLimits"/> allows, read in arrival order (time, then id).
/// </summary>
public static class ReplayFile
{
    public static IReadOnlyList<ReplayItem> Read(TextReader reader)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray() is not ["id", "text", "label", "time"])
            throw new FormatException("line 1: expected the header id,text,label,time");
        var items = new List<ReplayItem>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields is [""]) continue;
            if (fields.Length != 4) throw new FormatException($"line {line}: {fields.Length} fields, expected 4 (id,text,label,time)");
            if (fields[2].Trim() is not ("0" or "1")) throw new FormatException($"line {line}: label '{fields[2]}' is not 0 or 1");
            if (!long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var time))
                throw new FormatException($"line {line}: time '{fields[3]}' is not unix seconds");
            var item = new ReplayItem(fields[0], fields[1], fields[2].Trim() == "1", time);
            // Each item is stored as a work, as a crawl would store it: a line no crawl could store (a blank id or title)
            // would replay a loop the product cannot have, and a second line with an id replaces the first's work and label.
            if (WorkLimits.Refusal(item.ToWork()) is { } refusal)
                throw new FormatException($"line {line}: {(refusal.StartsWith("title", StringComparison.Ordinal) ? $"the text's first line (the title) {refusal[6..]}" : refusal)}");
            if (!lineOf.TryAdd(item.Id, line)) throw new FormatException($"line {line}: id '{item.Id}' is already on line {lineOf[item.Id]}");
            items.Add(item);
        }
        return [.. items.OrderBy(i => i.Time).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    public static void Write(TextWriter writer, IEnumerable<ReplayItem> items)
    {
        CsvRecords.Write(writer, [["id", "text", "label", "time"],
            .. items.Select(i => new[] { i.Id, i.Text, i.Liked ? "1" : "0", i.Time.ToString(CultureInfo.InvariantCulture) })]);
    }
}

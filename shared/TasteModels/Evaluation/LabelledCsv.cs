using System.Globalization;
using Konomi.Contracts;

namespace Konomi.TasteModels.Evaluation;

/// <summary>
/// The <c>konomi eval</c> data file: header <c>id,text,label[,fold]</c>, label 0 or 1. Without a fold column
/// the folds are stratified by label, in the order of a stable hash of the id.
/// </summary>
public static class LabelledCsv
{
    public static LabelledData Read(TextReader reader, int folds)
    {
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext()) throw new FormatException("line 1: the file is empty; expected the header id,text,label[,fold]");
        var header = records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var hasFold = header is ["id", "text", "label", "fold"];
        if (!hasFold && header is not ["id", "text", "label"])
            throw new FormatException($"line 1: header is '{string.Join(',', header)}'; expected id,text,label or id,text,label,fold");

        var examples = new List<Example>();
        var ids = new List<string>();
        var foldOf = new List<int>();
        var seen = new HashSet<string>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields is [""]) continue;
            if (fields.Length != header.Length)
                throw new FormatException($"line {line}: {fields.Length} fields, expected {header.Length} ({string.Join(',', header)})");
            var id = fields[0];
            if (id.Length == 0) throw new FormatException($"line {line}: empty id");
            if (!seen.Add(id)) throw new FormatException($"line {line}: id '{id}' appears twice");
            var liked = fields[2].Trim() switch
            {
                "1" => true,
                "0" => false,
                var other => throw new FormatException($"line {line}: label '{other}' is not 0 or 1"),
            };
            var fold = 0;
            if (hasFold && !int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out fold))
                throw new FormatException($"line {line}: fold '{fields[3]}' is not an integer");
            ids.Add(id);
            examples.Add(new Example(TasteInput.FromText(fields[1]), liked));
            foldOf.Add(fold);
        }
        if (examples.Count == 0) throw new FormatException("the file has a header but no examples");
        if (examples.All(e => e.Liked) || examples.All(e => !e.Liked))
            throw new FormatException("every label is the same; a taste model needs both 0 and 1");
        if (!hasFold) foldOf = [.. Folds.Stratified(ids, [.. examples.Select(e => e.Liked)], folds)];
        if (foldOf.Distinct().Count() < 2) throw new FormatException("all examples are in one fold; cross-validation needs at least two");
        return new LabelledData(ids, examples, foldOf);
    }

    public static void Write(TextWriter writer, IEnumerable<(string Id, string Text, bool Liked, int Fold)> rows)
    {
        CsvRecords.Write(writer, [["id", "text", "label", "fold"],
            .. rows.Select(r => new[] { r.Id, r.Text, r.Liked ? "1" : "0", r.Fold.ToString(CultureInfo.InvariantCulture) })]);
    }
}

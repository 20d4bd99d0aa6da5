using System.Text.Json;
using Konomi.Contracts;
using Konomi.TasteModels.Input;

namespace Konomi.TasteModels.Evaluation;

/// <summary>
/// Labelled DLsite works for <c>konomi eval</c>: JSON lines <c>{"label":0|1,"fold":n?,"work":{…}}</c>, the work as
/// <c>konomi parse</c> prints it. Inputs go through <see cref="TasteInputBuilder"/>, so description selection is measurable.
/// The work is read by <see cref="WorkJson"/>, as by every other reader of works, so what they accept is accepted here.
/// </summary>
public static class LabelledWorks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Shape = """expected a JSON object like {"label":1,"fold":0,"work":{…}}""";

    // Id is read only to tell a bare work (a works export, parse --jsonl) from a line missing its work.
    private sealed record Line(int? Label, int? Fold, JsonElement? Work, JsonElement? Id);

    public static LabelledData Read(TextReader reader, int folds, TasteInputBuilder builder)
    {
        var ids = new List<string>();
        var examples = new List<Example>();
        var foldOf = new List<int>();
        var firstLine = new Dictionary<string, int>();
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var (line, problem) = Parse(text);
            if (line is null) throw new FormatException($"line {number}: {problem}");
            if (line.Work is not { ValueKind: not JsonValueKind.Null } json)
                throw new FormatException(line.Id is null
                    ? $"line {number}: no \"work\": {Shape}"
                    : $"line {number}: a work without its label ({Shape}); `konomi works export` and `parse --jsonl` write works alone: give each its label and put it under \"work\"");
            if (line.Label is not (0 or 1)) throw new FormatException($"line {number}: label must be 0 or 1");
            var (work, wrong) = WorkJson.Read(json.GetRawText());
            if (work is null) throw new FormatException($"line {number}: {wrong}");
            // A work twice could be trained on in one fold and scored in another: its own answer would be in the training.
            if (!firstLine.TryAdd(work.Id, number)) throw new FormatException($"line {number}: work {work.Id} appears again (first on line {firstLine[work.Id]})");
            ids.Add(work.Id);
            examples.Add(new Example(builder.Build(work), line.Label == 1));
            foldOf.Add(line.Fold ?? -1);
        }
        if (examples.Count == 0) throw new FormatException("the file holds no labelled works");
        // Lines without a fold are dealt stratified folds among themselves.
        var unfolded = Enumerable.Range(0, ids.Count).Where(i => foldOf[i] < 0).ToList();
        if (unfolded.Count > 0)
        {
            var dealt = Folds.Stratified([.. unfolded.Select(i => ids[i])], [.. unfolded.Select(i => examples[i].Liked)], folds);
            for (var j = 0; j < unfolded.Count; j++) foldOf[unfolded[j]] = dealt[j];
        }
        return new LabelledData(ids, examples, foldOf);
    }

    /// <summary>The line, or what is wrong with it in a person's words (the serializer's own name .NET types).</summary>
    private static (Line? Line, string? Problem) Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, Shape);
            return (document.RootElement.Deserialize<Line>(Json), null);
        }
        catch (JsonException e)
        {
            return (null, e.Path switch
            {
                "$.label" => "label must be 0 or 1",
                "$.fold" => "fold must be a whole number",
                _ => $"not valid JSON: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}",
            });
        }
    }
}

using System.Text.Json;
using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Storage.Transfer;

/// <summary>
/// Works as JSON lines, one work per line in the <see cref="KonomiJson"/> shape (the one <c>konomi parse</c> prints), newest release first. Imported
/// works count as already announced: moving a store must not notify anyone again.
/// </summary>
public sealed class WorksJsonLines(IWorkStore works)
{
    public async Task<int> ExportAsync(TextWriter writer, CancellationToken ct = default)
    {
        var all = await works.ListAsync(limit: int.MaxValue, ct: ct);
        foreach (var work in all)
            await writer.WriteLineAsync(WorkJson.Write(work));
        return all.Count;
    }

    /// <summary>Reads and checks the whole file first; stores nothing unless every line is valid.</summary>
    public async Task<ImportResult> ImportAsync(TextReader reader, CancellationToken ct = default)
    {
        var parsed = new List<Work>();
        var problems = new List<ImportProblem>();
        var firstLine = new Dictionary<string, int>();
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (work, problem) = Parse(line);
            if (work is not null && !firstLine.TryAdd(work.Id, number))
                problems.Add(new(number, $"work {work.Id} appears again (first on line {firstLine[work.Id]})"));
            else if (work is null) problems.Add(new(number, problem!));
            else parsed.Add(work);
        }
        if (problems.Count > 0) return new ImportResult(parsed.Count, 0, problems);
        return new ImportResult(parsed.Count, await works.ImportAsync(parsed, ct), []);
    }

    // A list is what `konomi parse` prints for a listing page: say how to make lines of it, not only that it is no work.
    // An announce page's work (`konomi parse` of one says "status":"announced") is not on sale: imported, it would count
    // as announced by Konomi and never be announced on its release.
    private static (Work? Work, string? Problem) Parse(string line)
    {
        if (line.TrimStart().StartsWith('['))
            return (null, "a JSON list of works; the import reads one work per line (JSON lines: `konomi parse --jsonl` writes them, `jq -c '.[]'` turns a list into them)");
        var (work, problem) = WorkJson.Read(line);
        return work is not null && NotOnSale(line)
            ? (null, $"work {work.Id} is not on sale yet (\"status\":\"announced\"): leave it out, the crawler announces it when DLsite releases it")
            : (work, problem);
    }

    static bool NotOnSale(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            && string.Equals(status.GetString(), "announced", StringComparison.OrdinalIgnoreCase);
    }
}

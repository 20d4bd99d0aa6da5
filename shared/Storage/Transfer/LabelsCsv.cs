using System.Globalization;
using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Storage.Transfer;

/// <summary>
/// Current labels as CSV: <c>work_id,user_id,label,labeled_at</c>, label 1 (interested) or 0, times ISO 8601
/// in UTC, oldest first. An import takes each row as a click with source <c>import</c> and an id made from
/// the row, so importing the same file twice changes nothing, nor does importing an export into the store it came
/// from (a row equal to the current label is already there). A time in the future is refused: the current
/// label is the latest click, so a 2099 row would outrank every real click for good. Rows for users the store does
/// not know are refused (a typo would file labels under a user nobody is), unless the import is told to create them.
/// </summary>
public sealed class LabelsCsv(ILabelStore labels, IUserStore users, IWorkStore works, TimeProvider clock)
{
    public const string Header = "work_id,user_id,label,labeled_at";
    public const string Source = "import";

    /// <summary>How far ahead of this machine's clock a row may be: another machine's clock may run a little fast.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<int> ExportAsync(TextWriter writer, CancellationToken ct = default)
    {
        var current = await labels.ListAsync(ct: ct);
        CsvRecords.Write(writer, [Header.Split(','), .. current.Select(label => new[] { label.WorkId, label.UserId, label.Interested ? "1" : "0",
            label.LabeledAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) })]);
        await writer.FlushAsync(ct);
        return current.Count;
    }

    /// <summary>Reads and checks the whole file first; stores nothing unless every line is valid.</summary>
    /// <param name="createUsers">Create the users the file names that the store does not know (a restore into a new store).</param>
    public async Task<ImportResult> ImportAsync(TextReader reader, CancellationToken ct = default, bool createUsers = false)
    {
        var clicks = new List<(int Line, Click Click)>();
        var latest = clock.GetUtcNow() + ClockSkew;
        var problems = new List<ImportProblem>();
        var firstSeen = new Dictionary<(string User, string Work, long Ticks), (int Line, bool Interested)>();
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (number == 1)
            {
                if (line.Trim() != Header) problems.Add(new(1, $"the header must be '{Header}', got '{line}'"));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (click, problem) = Parse(line, latest);
            if (click is null)
            {
                problems.Add(new(number, problem!));
                continue;
            }
            // The same label twice is harmless; the same moment with the other answer leaves no way to tell which holds.
            var key = (click.UserId, click.WorkId, click.At.UtcTicks);
            if (firstSeen.TryGetValue(key, out var first) && first.Interested != click.Interested)
                problems.Add(new(number, $"{click.UserId}'s label of {click.WorkId} at the same time as line {first.Line} says the other answer"));
            firstSeen.TryAdd(key, (number, click.Interested));
            clicks.Add((number, click));
        }
        if (number == 0) problems.Add(new(1, $"the file is empty; expected the header '{Header}'"));

        var known = (await users.ListAsync(ct)).Select(u => u.UserId).ToHashSet(StringComparer.Ordinal);
        var unknown = clicks.Where(c => !known.Contains(c.Click.UserId)).GroupBy(c => c.Click.UserId).ToList();
        foreach (var user in unknown)
        {
            var rows = $"{user.Count()} row{(user.Count() == 1 ? "" : "s")}, first on this line";
            if (UserProfile.IdProblem(user.Key) is { } bad) problems.Add(new(user.First().Line, $"{bad} ({rows})"));
            else if (!createUsers)
                problems.Add(new(user.First().Line, $"no user '{user.Key}' ({rows}): add it with `konomi users add {user.Key}`, or import with --create-users"));
        }
        // A row equal to the current label is that label, however it was given (an export read back in); a row at its
        // time with the other answer is refused as two such lines are: which one holds would be a tie's toss.
        var current = new Dictionary<(string, string), Label>();
        foreach (var user in clicks.Select(c => c.Click.UserId).Distinct())
            foreach (var label in await labels.ListAsync(user, ct))
                current[(label.UserId, label.WorkId)] = label;
        foreach (var (line, click) in clicks)
            if (current.TryGetValue((click.UserId, click.WorkId), out var stored) && stored.LabeledAt == click.At && stored.Interested != click.Interested)
                problems.Add(new(line, $"{click.UserId}'s label of {click.WorkId} at the same time as the stored one says the other answer"));
        if (problems.Count > 0) return new ImportResult(clicks.Count, 0, [.. problems.OrderBy(p => p.Line)]);

        var notes = new List<string>();
        foreach (var user in unknown)
            await users.UpsertAsync(new UserProfile(user.Key), ct);
        if (unknown.Count > 0)
            notes.Add($"created users {string.Join(", ", unknown.Select(u => u.Key))} (no Slack address yet: `konomi users add USER --slack-user U…`)");
        var fresh = clicks.Select(c => c.Click)
            .Where(c => !(current.TryGetValue((c.UserId, c.WorkId), out var now) && now.Interested == c.Interested && now.LabeledAt == c.At))
            .ToList();
        var added = await labels.ImportAsync(fresh, ct);
        var workIds = clicks.Select(c => c.Click.WorkId).Distinct().ToList();
        var missing = workIds.Count - (await works.FindKnownAsync(workIds, ct)).Count;
        if (missing > 0)
            notes.Add($"{missing} of {workIds.Count} labelled works are not stored: the trainer skips their labels until they are (`konomi works import`, or a crawl)");
        return new ImportResult(clicks.Count, added, [], notes);
    }

    private static (Click? Click, string? Problem) Parse(string line, DateTimeOffset latest)
    {
        // Line by line, so one broken quote spoils its own line only and every later bad line is still reported.
        string[] fields;
        try
        {
            fields = CsvRecords.Read(new StringReader(line)).Single().Fields;
        }
        catch (FormatException e)
        {
            // The reader saw this row alone, so its "line 1: " would contradict the line the problem is filed under.
            return (null, $"expected 4 fields (work_id,user_id,label,labeled_at), got a broken quote: {(e.Message.StartsWith("line 1: ", StringComparison.Ordinal) ? e.Message["line 1: ".Length..] : e.Message)}");
        }
        if (fields.Length != 4)
            return (null, $"expected 4 fields (work_id,user_id,label,labeled_at), got {fields.Length.ToString(CultureInfo.InvariantCulture)}");
        var (workId, userId, label, labeledAt) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim());
        if (workId.Length == 0) return (null, "work_id is empty");
        if (userId.Length == 0) return (null, "user_id is empty");
        if (label is not ("1" or "0")) return (null, $"label must be 1 or 0, got '{label}'");
        if (labeledAt.Length < 11 || labeledAt[10] != 'T' || !DateTimeOffset.TryParse(labeledAt, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return (null, $"labeled_at must be an ISO 8601 time like 2026-11-01T12:00:00Z, got '{labeledAt}'");
        if (at > latest)
            return (null, $"labeled_at {labeledAt} is in the future (later than {latest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}); it would outrank every real click");
        var clickId = $"{Source}:{userId}:{workId}:{at.UtcTicks}:{label}";
        return (new Click(clickId, userId, workId, label == "1", at, Source), null);
    }
}

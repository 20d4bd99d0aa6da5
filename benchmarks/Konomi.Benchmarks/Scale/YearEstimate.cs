using System.Globalization;
using System.Text;
using Konomi.Storage.Retention;

namespace Konomi.Benchmarks.Scale;

/// <summary>
/// A year at U users and 200 new works a day, from the bytes per record this run measured: every work scored for
/// every user, up to 20 posts and 10 clicks a user a day, an hourly crawl of two floors, a retrain a user a day;
/// held after a year under the retention defaults (<see cref="RetentionOptions"/>).
/// </summary>
public static class YearEstimate
{
    const int WorksADay = 200, PostsADay = 20, ClicksADay = 10, SnapshotsADay = 2 * 24, Days = 365;
    static readonly int[] UserCounts = [10, 100, 1000];

    /// <summary>A kind of record: per year (fixed part + per user), the share held after a year, the bytes of one.</summary>
    sealed record Growth(string Record, double Fixed, double PerUser, double Held, string Kept, double Bytes);

    public static string Render(IReadOnlyList<RecordSizeRow> sizes)
    {
        var retention = new RetentionOptions();
        double Bytes(string record) => sizes.Single(s => s.Record.StartsWith(record, StringComparison.Ordinal)).BytesEach;
        // Serving, candidate and the kept past versions stay; the rest of a year's daily versions go.
        var versionsKept = retention.KeepModelVersions + 2;
        Growth[] growth =
        [
            new("works", WorksADay * Days, 0, 1, "kept", Bytes("work")),
            new("scores", 0, WorksADay * Days, Math.Min(1, retention.ScoresDays / (double)Days), $"{retention.ScoresDays} days", Bytes("score")),
            new("labels and clicks", 0, ClicksADay * Days, 1, $"{retention.ClicksDays} days; current labels kept", Bytes("label")),
            new("notifications", 0, PostsADay * Days, 1, "kept (the ledger)", Bytes("notification")),
            new("crawl snapshots", SnapshotsADay * Days, 0, Math.Min(1, retention.SnapshotsDays / (double)Days), $"{retention.SnapshotsDays} days", Bytes("crawl snapshot")),
            new("model versions", 0, Days, versionsKept / (double)Days, $"{versionsKept} a user", Bytes("model version")),
        ];
        var s = new StringBuilder();
        void Line(FormattableString line) => s.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        s.AppendLine($"| record | a year (U users) | held after a year | {string.Join(" | ", UserCounts.Select(u => $"U = {u:N0}"))} |");
        s.AppendLine($"|---|---:|---|{string.Concat(UserCounts.Select(_ => "---:|"))}");
        foreach (var g in growth)
        {
            var year = g.Fixed > 0 ? $"{g.Fixed:N0} × {Size(g.Bytes)}" : $"{g.PerUser:N0} × U × {Size(g.Bytes)}";
            Line($"| {g.Record} | {year} | {g.Kept} | {string.Join(" | ", UserCounts.Select(u => Size(Held(g, u))))} |");
        }
        Line($"| **held after a year** | | | {string.Join(" | ", UserCounts.Select(u => $"**{Size(growth.Sum(g => Held(g, u)))}**"))} |");
        Line($"| without retention | | | {string.Join(" | ", UserCounts.Select(u => Size(growth.Sum(g => Year(g, u)))))} |");
        return s.ToString();
    }

    static double Year(Growth g, int users) => (g.Fixed + g.PerUser * users) * g.Bytes;

    static double Held(Growth g, int users) => Year(g, users) * g.Held;

    static string Size(double bytes) => bytes switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:F1} GB"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F1} MB"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:F1} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:F0} B"),
    };
}

using Konomi.Hosting;
using System.CommandLine;
using Konomi.Storage.Ports;
using Konomi.Storage.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi prune</c>: one retention run now, with the <c>Retention</c> settings (options override them).
/// The same pruning the trainer host and <c>konomi run</c> do every <c>Retention:Interval</c>.
/// </summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var scores = Setting("--scores-days", nameof(RetentionOptions.ScoresDays), "Remove scores of works stored more than N days ago");
        var snapshots = Setting("--snapshots-days", nameof(RetentionOptions.SnapshotsDays), "Remove crawl snapshots older than N days");
        var clicks = Setting("--clicks-days", nameof(RetentionOptions.ClicksDays), "Remove clicks older than N days (never the one a current label came from)");
        var keep = Setting("--keep-versions", nameof(RetentionOptions.KeepModelVersions), "Retired and rejected model versions kept per user (the serving one always stays)");
        var dataDir = CommonOptions.DataDir();
        var command = new Command("prune", "Remove old scores, snapshots, clicks and past model versions now (labels and serving models stay)")
        {
            scores, snapshots, clicks, keep, dataDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            void Set(string key, int? value) { if (value is { } v) overrides[$"{RetentionOptions.Section}:{key}"] = v.ToString(); }
            Set(nameof(RetentionOptions.ScoresDays), parse.GetValue(scores));
            Set(nameof(RetentionOptions.SnapshotsDays), parse.GetValue(snapshots));
            Set(nameof(RetentionOptions.ClicksDays), parse.GetValue(clicks));
            Set(nameof(RetentionOptions.KeepModelVersions), parse.GetValue(keep));
            var builder = CommandHost.CreateBuilder(parse.GetValue(dataDir), overrides);
            builder.Services.AddRetentionOptions();
            using var host = builder.Build();
            var settings = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
            var clock = host.Services.GetRequiredService<TimeProvider>();
            var removed = await host.Services.GetRequiredService<IRetentionStore>().PruneAsync(settings.ToPolicy(), clock.GetUtcNow(), ct);
            Console.WriteLine($"removed {Figures.Counted(removed.Scores, "score")} (works older than {settings.ScoresDays} d), " +
                $"{Figures.Counted(removed.Snapshots, "snapshot")} (> {settings.SnapshotsDays} d), {Figures.Counted(removed.Clicks, "click")} (> {settings.ClicksDays} d), " +
                $"{Figures.Counted(removed.ModelVersions, "model version")} (beyond the newest {settings.KeepModelVersions} past ones per user), " +
                $"{Figures.Counted(removed.CrawlFailures, "crawl failure")} (last tried > {settings.SnapshotsDays} d)");
            return 0;
        });
        return Cli.Example(command, "konomi prune", "konomi prune --scores-days 30 --keep-versions 3 --data-dir ~/.konomi");
    }

    /// <summary>An option overriding a Retention setting, refused (naming the option) outside the setting's own range.</summary>
    private static Option<int?> Setting(string name, string setting, string description) =>
        new Option<int?>(name) { Description = description }.WithinRangeOf(typeof(RetentionOptions), setting);
}

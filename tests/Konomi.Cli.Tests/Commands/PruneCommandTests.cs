using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

public sealed class PruneCommandTests : IAsyncDisposable
{
    private readonly TestStore _store = TestStore.Sqlite();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prune_removes_old_snapshots_and_clicks_but_keeps_each_current_labels_click()
    {
        var now = DateTimeOffset.UtcNow;
        var snapshots = _store.Get<ISnapshotStore>();
        var labels = _store.Get<ILabelStore>();
        await snapshots.AddAsync(new CrawlSnapshot(Guid.NewGuid(), now.AddDays(-3), "maniax", ["RJ01000001"]), Ct);
        await snapshots.AddAsync(new CrawlSnapshot(Guid.NewGuid(), now.AddHours(-1), "maniax", ["RJ01000002"]), Ct);
        await labels.RecordAsync(new Click("old", "me", "RJ01000001", true, now.AddDays(-10), "slack"), Ct);
        await labels.RecordAsync(new Click("current", "me", "RJ01000001", false, now.AddDays(-5), "slack"), Ct);

        var result = await KonomiCli.RunAsync(
            ["prune", "--data-dir", _store.Settings["Storage:DataDirectory"]!, "--snapshots-days", "1", "--clicks-days", "2"], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.Trim().ShouldBe("removed 0 scores (works older than 90 d), 1 snapshot (> 1 d), 1 click (> 2 d), "
            + "0 model versions (beyond the newest 5 past ones per user), 0 crawl failures (last tried > 1 d)");
        (await snapshots.ListAsync(ct: Ct)).Single().WorkIds.ShouldBe(["RJ01000002"]);
        (await labels.HistoryAsync("me", "RJ01000001", Ct)).Select(c => c.ClickId).ShouldBe(["current"]);
        (await labels.FindAsync("me", "RJ01000001", Ct))!.Interested.ShouldBeFalse();
    }

    [Fact]
    public async Task Prune_with_a_value_out_of_the_setting_s_range_exits_2_naming_the_option()
    {
        await _store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);  // a store to prune, so only the option is wrong
        var result = await KonomiCli.RunAsync(["prune", "--data-dir", _store.Settings["Storage:DataDirectory"]!, "--scores-days", "-1"], ct: Ct);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--scores-days must be between 1 and 36500.");
        result.Error.ShouldNotContain("RetentionOptions");
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();
}

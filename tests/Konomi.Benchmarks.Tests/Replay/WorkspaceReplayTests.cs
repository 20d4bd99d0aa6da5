using Konomi.Cli.Replay;
using Konomi.Testing;

namespace Konomi.Benchmarks.Tests.Replay;

/// <summary>Several real MovieLens histories replayed together as one workspace, through the product's trainer.</summary>
public class WorkspaceReplayTests
{
    const int Seed = 30, Batch = 20;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static IReadOnlyList<ReplayHistory> Workspace(int items) =>
        [.. MovieLensTasks.Histories(Path.Combine(Repository.Shared, "data"), [313, 63], sample: 0, sampleSeed: 1, minRatings: 0, exclude: [], workspace: true)
            .Select(h => new ReplayHistory($"{h.User}", [.. h.Items.OrderBy(i => i.Time).ThenBy(i => i.Id, StringComparer.Ordinal).Take(items)]))];

    [Fact]
    public async Task Alone_in_a_workspace_each_user_lives_exactly_their_own_replay()
    {
        var workspace = Workspace(110);

        var together = await new NotificationLoopReplay(Seed, Batch, 0.1, 0.3, learnFromEveryone: false).RunAsync(workspace, Ct);

        // One timeline for everyone, the same works stored once, one ledger: none of it may change what a user lives.
        for (var i = 0; i < workspace.Count; i++)
            together[i].ShouldBe(await new NotificationLoopReplay(Seed, Batch, 0.1, 0.3).RunAsync(workspace[i].Items, Ct), workspace[i].User);
        together.ShouldAllBe(r => r.SharedPromotions == 0);
    }

    [Fact]
    public async Task Learning_from_everyone_serves_shared_models_and_reports_each_user_on_their_own_history()
    {
        var workspace = Workspace(170);

        var together = await new NotificationLoopReplay(Seed, Batch, 0.1, 0.3, learnFromEveryone: true).RunAsync(workspace, Ct);

        together.Sum(r => r.SharedPromotions).ShouldBeGreaterThan(0);
        for (var i = 0; i < workspace.Count; i++)
        {
            together[i].Items.ShouldBe(workspace[i].Items.Count - Seed);
            together[i].LikedTotal.ShouldBe(workspace[i].Items.Skip(Seed).Count(item => item.Liked));
        }
    }
}

using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

public class RecommendCommandTests
{
    [Fact]
    public async Task Recommend_ranks_preferred_works_first_with_reasons_and_leaves_out_labelled_and_sent_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        var works = SampleWorks.Range(0, 10);
        await store.Get<IWorkStore>().ImportAsync(works, ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("rec", Preferences: new Preferences { LikedCircles = ["ひだまり工房"] }), ct);
        var labels = store.Get<ILabelStore>();
        await labels.RecordAsync(new Click("c0", "rec", works[0].Id, true, DateTimeOffset.UtcNow, "test"), ct);
        await labels.RecordAsync(new Click("c1", "rec", works[1].Id, false, DateTimeOffset.UtcNow, "test"), ct);
        await SentAsync(store.Get<INotificationStore>(), works[2].Id, "rec", ct);
        await SentAsync(store.Get<INotificationStore>(), works[3].Id, "someone-else", ct);

        var result = await KonomiCli.RunAsync(["recommend", "--user", "rec", "--top", "20", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var output = result.Output;
        foreach (var hidden in works.Take(3)) output.ShouldNotContain(hidden.Id);
        output.ShouldContain(works[3].Id, customMessage: "sent to another user, not to this one");
        var soothing = works.Skip(3).Where(SampleWorks.IsSoothing).Select(w => output.IndexOf(w.Id, StringComparison.Ordinal)).ToList();
        var horror = works.Skip(3).Where(w => !SampleWorks.IsSoothing(w)).Select(w => output.IndexOf(w.Id, StringComparison.Ordinal)).ToList();
        soothing.ShouldAllBe(at => at >= 0);
        soothing.Max().ShouldBeLessThan(horror.Min());
        output.ShouldContain("circle: ひだまり工房");
        output.ShouldContain($"like {works[0].Title}, which you marked 興味あり");
        // No model serves rec: said once, above the list, not as a reason under every work.
        output.IndexOf("no model serves rec: 18 more labels needed for a first model, incl. at least 1 興味あり and 1 別に;", StringComparison.Ordinal)
            .ShouldBeInRange(0, output.IndexOf("  1. ", StringComparison.Ordinal));
        output.Split("labels needed").Length.ShouldBe(2);
    }

    [Fact]
    public async Task Recommend_with_a_trained_model_names_the_similar_liked_work_once_per_work()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        var works = SampleWorks.Range(0, 40);
        await store.Get<IWorkStore>().ImportAsync(works, ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("rec"), ct);
        var labels = store.Get<ILabelStore>();
        // Label 30 works by the sample's taste; the other 10 are left to recommend.
        foreach (var work in works.Take(30))
            await labels.RecordAsync(new Click($"c-{work.Id}", "rec", work.Id, SampleWorks.IsSoothing(work), DateTimeOffset.UtcNow, "test"), ct);
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        var trained = await KonomiCli.RunAsync(["train", "--user", "rec", "--data-dir", dataDir], ct: ct);
        trained.ExitCode.ShouldBe(0, trained.Error);
        trained.Output.ShouldContain("promoted");

        var result = await KonomiCli.RunAsync(["recommend", "--user", "rec", "--top", "10", "--data-dir", dataDir], ct: ct);

        result.ExitCode.ShouldBe(0, result.Error);
        // One block per recommended work, starting at its rank line.
        var blocks = System.Text.RegularExpressions.Regex.Split(result.Output, @"(?m)^\s+\d+\. ").Skip(1).ToList();
        blocks.Count.ShouldBe(10);
        var similarCounts = blocks.Select(b => b.Split("which you marked 興味あり").Length - 1).ToList();
        similarCounts.ShouldContain(c => c > 0, "a liked work near a labelled liked one is explained by it");
        similarCounts.ShouldAllBe(c => c <= 1);
    }

    static async Task SentAsync(INotificationStore notifications, string workId, string userId, CancellationToken ct)
    {
        var target = $"dm:{userId}";
        await notifications.TryCreateAsync(new Notification(workId, target, userId, Guid.NewGuid(), NotificationStatus.Pending, 0, DateTimeOffset.UtcNow), ct);
        (await notifications.TryLeaseAsync(workId, target, "test", DateTimeOffset.UtcNow.AddMinutes(1), ct)).ShouldNotBeNull();
        await notifications.MarkSentAsync(workId, target, "test", "D1", "1.0", ct);
    }
}

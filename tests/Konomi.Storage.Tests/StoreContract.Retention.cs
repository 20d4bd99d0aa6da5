using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly RetentionPolicy Policy = new(
        ScoresFor: TimeSpan.FromDays(30), SnapshotsFor: TimeSpan.FromDays(10), ClicksFor: TimeSpan.FromDays(60), KeepModelVersions: 1);

    [Fact]
    public async Task Pruning_removes_what_the_policy_says_and_keeps_every_current_label_and_serving_model()
    {
        var clock = new FakeTimeProvider(Sample.Noon);
        await using var store = CreateStore(clock)!;
        var works = store.Get<IWorkStore>();
        var scores = store.Get<IScoreStore>();
        var snapshots = store.Get<ISnapshotStore>();
        var labels = store.Get<ILabelStore>();
        var registry = store.Get<ITasteModelRegistry>();
        var now = Sample.Noon.AddDays(100);

        await works.AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);   // stored on day 0: its scores go
        clock.Advance(TimeSpan.FromDays(80));
        await works.AddAsync(Sample.Work("RJ01000002"), Guid.NewGuid(), Ct);   // day 80: its scores stay
        foreach (var (work, user) in new[] { ("RJ01000001", "u1"), ("RJ01000001", "u2"), ("RJ01000002", "u1") })
            await scores.AddAsync(new WorkScored(Guid.NewGuid(), work, user, 0.7, 0.5, true, "ngram", 1, []), Ct);

        var oldRun = new CrawlSnapshot(Guid.NewGuid(), Sample.Noon.AddDays(85), "voice", ["RJ01000001"]);
        var newRun = new CrawlSnapshot(Guid.NewGuid(), Sample.Noon.AddDays(95), "voice", ["RJ01000002"]);
        await snapshots.AddAsync(oldRun, Ct);
        await snapshots.AddAsync(newRun, Ct);
        var failures = store.Get<ICrawlFailureStore>();
        await failures.RecordAsync("RJ01000008", "malformed: no title", Sample.Noon.AddDays(85), Ct);   // last tried with the old run: goes
        await failures.RecordAsync("RJ01000009", "malformed: no title", Sample.Noon.AddDays(80), Ct);
        await failures.RecordAsync("RJ01000009", "malformed: no title", Sample.Noon.AddDays(95), Ct);   // tried again lately: stays

        // Clicks before day 40 are old. c2 and c3 are old but are where current labels came from.
        await labels.RecordAsync(Sample.Click("c1", true, Sample.Noon), Ct);
        await labels.RecordAsync(Sample.Click("c2", false, Sample.Noon.AddDays(1)), Ct);
        await labels.RecordAsync(Sample.Click("c3", true, Sample.Noon.AddDays(2), work: "RJ01000002"), Ct);
        await labels.RecordAsync(Sample.Click("c4", true, Sample.Noon, user: "u2"), Ct);
        await labels.RecordAsync(Sample.Click("c5", false, Sample.Noon.AddDays(50), user: "u2"), Ct);
        var labelsBefore = Sample.Json(await labels.ListAsync(ct: Ct));

        // u1: v1 retired, v2 rejected, v3 retired, v4 serving, v5 candidate. u3: v1 serving (its oldest), v2 and v3 rejected.
        for (var i = 0; i < 5; i++) await registry.RegisterAsync(Sample.Model("u1"), Ct);
        await registry.PromoteAsync("u1", 1, "first", Ct);
        await registry.RejectAsync("u1", 2, "worse", Ct);
        await registry.PromoteAsync("u1", 3, "better", Ct);
        await registry.PromoteAsync("u1", 4, "better", Ct);
        for (var i = 0; i < 3; i++) await registry.RegisterAsync(Sample.Model("u3"), Ct);
        await registry.PromoteAsync("u3", 1, "first", Ct);
        await registry.RejectAsync("u3", 2, "worse", Ct);
        await registry.RejectAsync("u3", 3, "worse", Ct);

        var removed = await store.Get<IRetentionStore>().PruneAsync(Policy, now, Ct);

        removed.ShouldBe(new RetentionResult(Scores: 2, Snapshots: 1, Clicks: 2, ModelVersions: 3, CrawlFailures: 1));
        Sample.Json(await labels.ListAsync(ct: Ct)).ShouldBe(labelsBefore);
        (await labels.HistoryAsync("u1", "RJ01000001", Ct)).Select(c => c.ClickId).ShouldBe(["c2"]);
        (await labels.HistoryAsync("u1", "RJ01000002", Ct)).Select(c => c.ClickId).ShouldBe(["c3"]);
        (await labels.HistoryAsync("u2", "RJ01000001", Ct)).Select(c => c.ClickId).ShouldBe(["c5"]);
        (await scores.ListAsync("u1", ct: Ct)).Select(s => s.WorkId).ShouldBe(["RJ01000002"]);
        (await scores.ListAsync("u2", ct: Ct)).ShouldBeEmpty();
        (await snapshots.ListAsync(ct: Ct)).Select(s => s.CrawlRunId).ShouldBe([newRun.CrawlRunId]);
        (await registry.ListAsync("u1", Ct)).Select(v => (v.Version, v.Status)).ShouldBe(
            [(5, TasteModelStatus.Candidate), (4, TasteModelStatus.Serving), (3, TasteModelStatus.Retired)]);
        (await registry.ListAsync("u3", Ct)).Select(v => (v.Version, v.Status)).ShouldBe(
            [(3, TasteModelStatus.Rejected), (1, TasteModelStatus.Serving)]);
        (await registry.LoadBytesAsync("u3", 1, Ct)).ShouldBe(Sample.Model("u3").Bytes);
        (await works.CountAsync(Ct)).ShouldBe(2);
        (await failures.ListAsync(ct: Ct)).Select(f => f.WorkId).ShouldBe(["RJ01000009"]);

        (await store.Get<IRetentionStore>().PruneAsync(Policy, now, Ct)).ShouldBe(new RetentionResult(0, 0, 0, 0, 0));
    }

    [Fact]
    public async Task Pruning_keeps_each_users_newest_version_so_its_number_is_never_given_again()
    {
        await using var store = CreateStore(new FakeTimeProvider(Sample.Noon))!;
        var registry = store.Get<ITasteModelRegistry>();
        // v1 serving, v2 promoted and then rolled back: v2 is rejected and the newest.
        for (var i = 0; i < 2; i++) await registry.RegisterAsync(Sample.Model("u1"), Ct);
        await registry.PromoteAsync("u1", 1, "first", Ct);
        await registry.RejectAsync("u1", 2, "rolled back to v1 by hand", Ct);

        var removed = await store.Get<IRetentionStore>().PruneAsync(Policy with { KeepModelVersions = 0 }, Sample.Noon, Ct);
        var next = await registry.RegisterAsync(Sample.Model("u1"), Ct);

        removed.ModelVersions.ShouldBe(0);
        next.Version.ShouldBe(3);
        (await registry.ListAsync("u1", Ct)).Select(v => (v.Version, v.Status)).ShouldBe(
            [(3, TasteModelStatus.Candidate), (2, TasteModelStatus.Rejected), (1, TasteModelStatus.Serving)]);
    }
}

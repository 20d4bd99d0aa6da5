using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Inference.Tests;

public sealed class NewWorkDetectedConsumerTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scores_every_new_work_for_every_active_user()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var run = Guid.NewGuid();

        var works = SampleWorks.Range(100, 6);
        foreach (var work in works)
            await host.Harness.Bus.Publish(new NewWorkDetected(run, work), Ct);

        await host.ScoredAsync(6, Ct);
        var scores = store.Get<IScoreStore>();
        var alice = await scores.ListAsync("alice", ct: Ct);
        (await scores.ListAsync("bob", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        (await scores.ListAsync("carol", ct: Ct)).ShouldBeEmpty();
        alice.Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        alice.ShouldAllBe(s => s.CrawlRunId == run && s.ModelId == "ngram" && s.ModelVersion == 1 && s.Reasons.Count > 0);
        foreach (var s in alice)
            s.Liked.ShouldBe(SampleWorks.IsSoothing(works.Single(w => w.Id == s.WorkId)), s.WorkId);
    }

    [Fact]
    public async Task Only_the_verdicts_to_post_are_published_and_every_score_is_stored()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct, new Dictionary<string, string?> { ["Inference:ExplorationRate"] = "0" });
        var works = SampleWorks.Range(100, 6);

        foreach (var work in works)
            await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), work), Ct);

        var published = await host.ScoredAsync(6, Ct);
        var scores = store.Get<IScoreStore>();
        List<WorkScored> stored = [.. await scores.ListAsync("alice", ct: Ct), .. await scores.ListAsync("bob", ct: Ct)];
        stored.Count.ShouldBe(12);
        // Alice's model likes some and not others; bob has no model, so none of his scores has a verdict.
        stored.Count(s => s.Liked == false).ShouldBeGreaterThan(0);
        stored.Count(s => s.Liked is null).ShouldBe(6);
        published.Select(s => (s.WorkId, s.UserId)).ShouldBe(stored.Where(s => s.Liked == true).Select(s => (s.WorkId, s.UserId)), ignoreOrder: true);
        published.ShouldNotBeEmpty();
        published.ShouldAllBe(s => s.ToPost);
    }

    [Fact]
    public async Task A_work_picked_for_exploration_is_published_though_the_model_does_not_like_it()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        // Rate 1: every work the model does not like is picked with probability near 1.
        await using var host = await InferenceHost.StartAsync(store, Ct, new Dictionary<string, string?> { ["Inference:ExplorationRate"] = "1" });
        var run = Guid.NewGuid();

        foreach (var work in SampleWorks.Range(100, 6))
            await host.Harness.Bus.Publish(new NewWorkDetected(run, work), Ct);

        var published = await host.ScoredAsync(6, Ct);
        var explored = published.Where(s => s.Liked == false).ToList();
        explored.ShouldNotBeEmpty();
        explored.ShouldAllBe(s => s.UserId == "alice" && s.ExplorationProbability > 0);
        published.ShouldNotContain(s => s.UserId == "bob");
    }

    // What a buggy or foreign publisher, or another version of the crawler, may send.
    public static TheoryData<string> MalformedWorks => ["no work", "genres null", "title null", "a voice actor null", "url blank"];

    [Theory]
    [MemberData(nameof(MalformedWorks))]
    public async Task A_message_without_a_whole_work_faults_alone_and_the_works_batched_with_it_are_scored(string malformed)
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        // A batch closes at four messages, long before its time limit: unfiltered, the first four published (the
        // malformed one among them) make one batch; filtered, the four good ones do.
        await using var host = await InferenceHost.StartAsync(store, Ct, new Dictionary<string, string?>
        {
            ["Inference:BatchSize"] = "4",
            ["Inference:BatchTimeLimit"] = "00:01:00",
        });
        var works = SampleWorks.Range(300, 4);
        var whole = SampleWorks.Create(399);
        var odd = malformed switch
        {
            "no work" => null!,
            "genres null" => whole with { Genres = null! },
            "title null" => whole with { Title = null! },
            "a voice actor null" => whole with { VoiceActors = ["春野ゆき", null!] },
            _ => whole with { Url = " " },
        };

        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), works[0]), Ct);
        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), works[1]), Ct);
        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), odd), Ct);
        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), works[2]), Ct);
        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), works[3]), Ct);

        await host.ScoredAsync(4, Ct);
        var scores = store.Get<IScoreStore>();
        (await scores.ListAsync("alice", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        (await scores.ListAsync("bob", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        // The malformed one alone failed to be consumed (the transport moves it to the error queue), saying what it lacks.
        var failed = host.Harness.Consumed.Select<NewWorkDetected>(Ct).Where(m => m.Exception is not null).ShouldHaveSingleItem();
        failed.Exception.Message.ShouldContain(odd is null ? "carries no work with an id" : $"carries work {odd.Id} with a value missing: ");
    }

    [Fact]
    public async Task A_user_without_a_model_gets_scores_with_no_verdict()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        await using var host = await InferenceHost.StartAsync(store, Ct);

        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), SampleWorks.Create(7)), Ct);

        await host.ScoredAsync(1, Ct);
        var bob = (await store.Get<IScoreStore>().ListAsync("bob", ct: Ct)).ShouldHaveSingleItem();
        bob.Liked.ShouldBeNull();
        bob.ModelId.ShouldBe("none");
        bob.ModelVersion.ShouldBe(0);
    }

    [Fact]
    public async Task A_labelled_user_without_a_model_gets_not_liked_verdicts_that_say_why_and_some_are_explored()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        // Bob labelled works, all 別に…: the trainer cannot learn from one kind of label, so he has no model.
        foreach (var work in SampleWorks.Range(500, 3))
            await store.Get<ILabelStore>().RecordAsync(new Click($"seed-{work.Id}", "bob", work.Id, false, DateTimeOffset.UnixEpoch, "annotator"), Ct);
        // Exploration is off for users a model serves, on for those awaiting one: bob is explored at his own rate.
        await using var host = await InferenceHost.StartAsync(store, Ct, new Dictionary<string, string?>
        {
            ["Inference:ExplorationRate"] = "0",
            ["Inference:ExplorationRateWithoutModel"] = "0.5",
        });
        var run = Guid.NewGuid();

        foreach (var work in SampleWorks.Range(100, 20))
            await host.Harness.Bus.Publish(new NewWorkDetected(run, work), Ct);

        var published = await host.ScoredAsync(20, Ct);
        var bob = await store.Get<IScoreStore>().ListAsync("bob", ct: Ct);
        bob.Count.ShouldBe(20);
        bob.ShouldAllBe(s => s.Liked == false && s.ModelId == PreferenceScorer.AwaitingModel && s.ModelVersion == 0);
        // His labels are of works not stored: they teach nothing yet, so all 20 are still to come.
        bob.ShouldAllBe(s => s.NoModel == "20 more labels needed for a first model, incl. at least 2 興味あり and 2 別に");
        var explored = published.Where(s => s.UserId == "bob").ToList();
        explored.ShouldNotBeEmpty();
        explored.ShouldAllBe(s => Math.Abs(s.ExplorationProbability!.Value - 0.5) < 1e-9 && s.NoModel != null);
    }

    [Fact]
    public async Task A_user_whose_first_model_the_gate_rejected_is_explored_with_the_gate_s_figures_as_the_reason()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        foreach (var (work, i) in SampleWorks.Range(500, 22).Select((w, i) => (w, i)))
        {
            await store.Get<IWorkStore>().AddAsync(work, Guid.NewGuid(), Ct);
            await store.Get<ILabelStore>().RecordAsync(new Click($"seed-{work.Id}", "bob", work.Id, i % 2 == 0, DateTimeOffset.UnixEpoch, "annotator"), Ct);
        }
        var registry = store.Get<ITasteModelRegistry>();
        var metrics = new ModelMetrics(22, 11, 5, 0.5, 0.5, 0.9, 0.67, 0.4, 0.42, 0.39)
        {
            F1Pooled = 0.4, PostEverythingF1 = 0.667, Gate = new GateEvidence("cold start", 22, 11, 0.342, 0.5, 0.97, -0.3, -0.02),
        };
        var v1 = await registry.RegisterAsync(new TasteModelDraft("bob", "ngram", metrics, [1]), Ct);
        await registry.RejectAsync("bob", v1.Version, "worse: AP 0.342 vs cold start 0.500 on 22 fresh labels (11 liked)", Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct, new Dictionary<string, string?>
        {
            ["Inference:ExplorationRate"] = "0",
            ["Inference:ExplorationRateWithoutModel"] = "0.5",
        });

        foreach (var work in SampleWorks.Range(100, 20))
            await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), work), Ct);

        var explored = (await host.ScoredAsync(20, Ct)).Where(s => s.UserId == "bob").ToList();
        explored.ShouldNotBeEmpty();
        // Enough labels, so not "label more": the gate's verdict, in the figures the registry recorded.
        explored.ShouldAllBe(s => s.ModelVersion == 0 && s.NoModel == "model v1 was rejected by the promotion gate (F1 0.40 vs 0.67 posting everything; "
            + "average precision 0.34 vs 0.50 for cold start); keep labelling: new labels retrain it");
    }

    [Fact]
    public async Task A_redelivered_batch_stores_each_score_once_and_republishes_the_same_verdicts_to_post()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var run = Guid.NewGuid();
        var works = SampleWorks.Range(200, 3);

        foreach (var work in works)
            await host.Harness.Bus.Publish(new NewWorkDetected(run, work), Ct);
        var first = await host.ScoredAsync(3, Ct);
        foreach (var work in works)
            await host.Harness.Bus.Publish(new NewWorkDetected(run, work), Ct);

        var scored = await host.ScoredAsync(6, Ct);
        (await store.Get<IScoreStore>().ListAsync("alice", ct: Ct)).Count.ShouldBe(3);
        (await store.Get<IScoreStore>().ListAsync("bob", ct: Ct)).Count.ShouldBe(3);
        first.ShouldNotBeEmpty();
        // The repeat carries the same key and verdict, which the notifier's ledger turns into nothing.
        scored.Count.ShouldBe(2 * first.Count);
        scored.GroupBy(s => (s.WorkId, s.UserId, s.ModelId, s.ModelVersion, s.Liked)).ShouldAllBe(g => g.Count() == 2);
    }

    [Fact]
    public async Task A_newly_promoted_model_serves_the_next_batch_without_a_restart()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        var registry = store.Get<ITasteModelRegistry>();
        await TasteModelSeed.ServeAsync(registry, "alice", SampleWorks.IsSoothing, Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var soothing = SampleWorks.Create(300);

        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), soothing), Ct);
        await host.ScoredAsync(1, Ct);
        var before = (await store.Get<IScoreStore>().ListAsync("alice", ct: Ct)).ShouldHaveSingleItem();
        // Alice changed her mind: v2 learned that she likes horror.
        await TasteModelSeed.ServeAsync(registry, "alice", i => !SampleWorks.IsSoothing(i), Ct);
        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), SampleWorks.Create(302)), Ct);
        await host.ScoredAsync(2, Ct);
        var after = (await store.Get<IScoreStore>().ListAsync("alice", ct: Ct)).Single(s => s.WorkId != soothing.Id);

        before.ModelVersion.ShouldBe(1);
        before.Liked.ShouldBe(true);
        after.ModelVersion.ShouldBe(2);
        after.Liked.ShouldBe(false);
    }

    [Fact]
    public async Task A_liked_work_is_also_explained_by_the_nearest_work_the_user_marked_interested()
    {
        await using var store = TestStore.Sqlite();
        await SeedUsersAsync(store);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        var liked = SampleWorks.Create(300);
        await store.Get<IWorkStore>().AddAsync(liked, Guid.NewGuid(), Ct);
        await store.Get<ILabelStore>().RecordAsync(new Click("c1", "alice", liked.Id, true, DateTimeOffset.UtcNow, "test"), Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var work = SampleWorks.Create(310);

        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), work), Ct);

        var alice = (await host.ScoredAsync(1, Ct)).ShouldHaveSingleItem();
        alice.UserId.ShouldBe("alice");
        alice.Liked.ShouldBe(true);
        alice.Reasons.ShouldContain(r => r.Source == "similar" && r.Text == $"like {liked.Title}, which you marked 興味あり");
    }

    static async Task SeedUsersAsync(TestStore store)
    {
        var users = store.Get<IUserStore>();
        await users.UpsertAsync(new UserProfile("alice"), Ct);
        await users.UpsertAsync(new UserProfile("bob"), Ct);
        await users.UpsertAsync(new UserProfile("carol", Active: false), Ct);
    }
}

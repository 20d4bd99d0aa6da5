using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Input;
using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.Inference.Tests;

/// <summary>
/// Serving models held within a size limit: real ngram models in a real SQLite registry, the container's own
/// ServingModels wiring with only the limit chosen.
/// </summary>
public sealed class ServingModelsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_the_limit_a_model_asked_for_again_takes_the_room_of_one_not_used_since_and_the_dropped_one_reloads_the_same()
    {
        await using var store = TestStore.Sqlite();
        var registry = store.Get<ITasteModelRegistry>();
        await TasteModelSeed.ServeAsync(registry, "alice", SampleWorks.IsSoothing, Ct);
        await TasteModelSeed.ServeAsync(registry, "bob", i => !SampleWorks.IsSoothing(i), Ct);
        await TasteModelSeed.ServeAsync(registry, "carol", i => i % 3 == 0, Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var limit = 2.5 * await LargestAsync(host, ["alice", "bob", "carol"]);
        var models = Bounded(host, limit);

        var alice = await FindAsync(models, "alice");
        var bob = await FindAsync(models, "bob");
        (await FindAsync(models, "alice")).ShouldBeSameAs(alice);
        var carol = await FindAsync(models, "carol");   // no room for three, and both were used since: served, not held
        (await FindAsync(models, "alice")).ShouldBeSameAs(alice);
        models.Held.Models.ShouldBe(2);
        var carolAgain = await FindAsync(models, "carol");   // bob was not used since carol was last asked for: bob goes

        carolAgain.ShouldNotBeSameAs(carol);
        (await FindAsync(models, "carol")).ShouldBeSameAs(carolAgain);
        (await FindAsync(models, "alice")).ShouldBeSameAs(alice);
        var bobAgain = await FindAsync(models, "bob");   // loaded again from the registry
        bobAgain.ShouldNotBeSameAs(bob);
        bobAgain.Version.ShouldBe(bob.Version);
        Scores(host, bobAgain).ShouldBe(Scores(host, bob));
        Scores(host, bobAgain).ShouldNotBe(Scores(host, alice));
        models.Held.Bytes.ShouldBeLessThanOrEqualTo((long)limit);
    }

    [Fact]
    public async Task Users_asked_for_in_turn_beyond_the_limit_reload_only_those_that_do_not_fit()
    {
        await using var store = TestStore.Sqlite();
        var registry = store.Get<ITasteModelRegistry>();
        string[] users = ["alice", "bob", "carol"];
        await TasteModelSeed.ServeAsync(registry, "alice", SampleWorks.IsSoothing, Ct);
        await TasteModelSeed.ServeAsync(registry, "bob", i => !SampleWorks.IsSoothing(i), Ct);
        await TasteModelSeed.ServeAsync(registry, "carol", i => i % 3 == 0, Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var models = Bounded(host, 2.5 * await LargestAsync(host, users));

        for (var batch = 0; batch < 4; batch++)
            foreach (var user in users)
                await FindAsync(models, user);

        // Three loads for the first batch, then one a batch for the user beyond the limit (plain least recently
        // used would reload all three every batch: each lookup drops the model the next one needs).
        models.Loads.ShouldBe(3 + 3);
        models.Held.Models.ShouldBe(2);
    }

    [Fact]
    public async Task A_promoted_version_replaces_the_held_one_on_the_next_lookup_and_frees_its_room()
    {
        await using var store = TestStore.Sqlite();
        var registry = store.Get<ITasteModelRegistry>();
        await TasteModelSeed.ServeAsync(registry, "alice", SampleWorks.IsSoothing, Ct);
        await TasteModelSeed.ServeAsync(registry, "bob", i => !SampleWorks.IsSoothing(i), Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var models = Bounded(host, limit: 2.5 * await LargestAsync(host, ["alice", "bob"]));
        var first = await FindAsync(models, "alice");
        var bob = await FindAsync(models, "bob");

        var promoted = await TasteModelSeed.ServeAsync(registry, "alice", i => i % 3 == 0, Ct);

        var serving = await FindAsync(models, "alice");
        serving.Version.ShouldBe(promoted.Version);
        serving.Version.ShouldNotBe(first.Version);
        Scores(host, serving).ShouldNotBe(Scores(host, first));
        (await FindAsync(models, "alice")).ShouldBeSameAs(serving);
        // The old version's room went with it: bob, older than the new version, is still held.
        (await FindAsync(models, "bob")).ShouldBeSameAs(bob);
        models.Held.ShouldBe((2, serving.Bytes + bob.Bytes));
    }

    [Fact]
    public async Task A_model_larger_than_the_limit_serves_but_is_not_held()
    {
        await using var store = TestStore.Sqlite();
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var models = Bounded(host, limit: 0.5 * await LargestAsync(host, ["alice"]));

        var alice = await FindAsync(models, "alice");

        alice.Version.ShouldBe(1);
        models.Held.ShouldBe((0, 0L));
        (await FindAsync(models, "alice")).ShouldNotBeSameAs(alice);
    }

    [Fact]
    public async Task With_no_room_to_hold_any_model_every_batch_reloads_and_scores_exactly_as_with_every_model_held()
    {
        await using var store = TestStore.Sqlite();
        var registry = store.Get<ITasteModelRegistry>();
        await store.Get<IWorkStore>().ImportAsync(SampleWorks.Range(0, 40), Ct);
        foreach (var (user, likes) in new (string, Func<int, bool>)[] { ("alice", SampleWorks.IsSoothing), ("bob", i => !SampleWorks.IsSoothing(i)), ("carol", i => i % 3 == 0) })
        {
            await store.Get<IUserStore>().UpsertAsync(new UserProfile(user), Ct);
            // Their labels, so "like ◯◯, which you marked 興味あり" reasons come from the reloaded liked works too.
            await store.Get<ILabelStore>().ImportAsync([.. Enumerable.Range(0, 40).Select(i =>
                new Click($"{user}-{i}", user, SampleWorks.Create(i).Id, likes(i), DateTimeOffset.UnixEpoch.AddMinutes(i), "import"))], Ct);
            await TasteModelSeed.ServeAsync(registry, user, likes, Ct);
        }
        await using var roomy = await InferenceHost.StartAsync(store, Ct);
        await using var cramped = await InferenceHost.StartAsync(store, Ct, new Dictionary<string, string?> { ["Inference:ServingModels:SizeLimitMb"] = "0.001" });
        var works = SampleWorks.Range(400, 12);
        var users = await roomy.Get<Audience>().ListAsync(null, Ct);

        var held = Lines(await roomy.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, works, users, Ct));
        var first = Lines(await cramped.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, works, users, Ct));
        var second = Lines(await cramped.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, works, users, Ct));

        cramped.Get<ServingModels>().Held.Models.ShouldBe(0);
        cramped.Get<ServingModels>().Loads.ShouldBe(6);
        held.Count.ShouldBe(36);
        held.ShouldContain(l => l.Contains("which you marked 興味あり"));
        first.ShouldBe(held);
        second.ShouldBe(held);
    }

    static List<string> Lines(IReadOnlyList<WorkScored> scores) => [.. scores
        .Select(s => $"{s.UserId} {s.WorkId} v{s.ModelVersion} {s.Score:R} {s.Liked} {string.Join("; ", s.Reasons.Select(r => $"{r.Source}:{r.Text}:{r.Weight:R}"))}")
        .Order(StringComparer.Ordinal)];

    /// <summary>The container's ServingModels with the given limit in bytes.</summary>
    static ServingModels Bounded(InferenceHost host, double limit) => ActivatorUtilities.CreateInstance<ServingModels>(host.Services,
        Options.Create(new ServingModelsOptions { SizeLimitMb = limit / (1024 * 1024) }));

    /// <summary>The largest estimate among the users' models, from a warmed-up instance that holds them all.</summary>
    static async Task<double> LargestAsync(InferenceHost host, string[] users)
    {
        var all = ActivatorUtilities.CreateInstance<ServingModels>(host.Services);
        foreach (var user in users) await all.FindAsync(user, Ct);
        var again = ActivatorUtilities.CreateInstance<ServingModels>(host.Services);
        var sizes = new List<long>();
        foreach (var user in users) sizes.Add((await again.FindAsync(user, Ct))!.Bytes);
        sizes.ShouldAllBe(s => s > 0);
        return sizes.Max();
    }

    static async Task<ServingModel> FindAsync(ServingModels models, string user)
    {
        return (await models.FindAsync(user, Ct)).ShouldNotBeNull();
    }

    static double[] Scores(InferenceHost host, ServingModel model)
    {
        var inputs = host.Get<TasteInputBuilder>();
        return [.. model.Model.Predict([.. SampleWorks.Range(400, 8).Select(inputs.Build)]).Select(p => p.Score)];
    }
}

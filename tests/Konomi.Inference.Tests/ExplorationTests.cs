using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Options;

namespace Konomi.Inference.Tests;

public sealed class ExplorationTests
{
    static Exploration At(double rate, double withoutModel) =>
        new(Options.Create(new InferenceOptions { ExplorationRate = rate, ExplorationRateWithoutModel = withoutModel }));

    static Exploration At(double rate) => At(rate, rate);

    static WorkScored Score(int i, bool? liked, double score = 0.3, string user = "alice", IReadOnlyList<ScoreReason>? reasons = null) =>
        new(Guid.Empty, $"RJ{i:D8}", user, score, 0.5, liked, "ngram", 1, reasons ?? []);

    [Fact]
    public void Picks_about_the_rate_of_not_liked_works_with_the_probability_each_was_picked_with()
    {
        var scores = Enumerable.Range(0, 4000).Select(i => Score(i, liked: false)).ToList();

        var explored = At(0.1).Apply(scores, [new UserProfile("alice")]).Where(s => s.ExplorationProbability is not null).ToList();

        explored.Count.ShouldBeInRange(340, 460);
        explored.ShouldAllBe(s => Math.Abs(s.ExplorationProbability!.Value - 0.1) < 1e-9);
    }

    [Fact]
    public void A_served_user_with_more_likes_than_the_taper_is_explored_less_in_proportion()
    {
        var exploration = new Exploration(Options.Create(new InferenceOptions { ExplorationRate = 0.1, ExplorationTaperLikes = 10 }));
        List<WorkScored> scores = [.. new[] { "alice", "bob", "carol" }.SelectMany(user => Enumerable.Range(0, 4000).Select(i => Score(i, liked: false, user: user)))];
        UserProfile[] users = [new("alice"), new("bob"), new("carol")];

        var result = exploration.Apply(scores, users, new Dictionary<string, int> { ["alice"] = 10, ["bob"] = 40 });

        // alice's 10 likes are within the taper, bob's 40 cut his rate to a quarter, carol (no served model's count) keeps it.
        result.Where(s => s.UserId == "alice" && s.ExplorationProbability is not null).ShouldAllBe(s => Math.Abs(s.ExplorationProbability!.Value - 0.1) < 1e-9);
        result.Where(s => s.UserId == "bob" && s.ExplorationProbability is not null).ShouldAllBe(s => Math.Abs(s.ExplorationProbability!.Value - 0.025) < 1e-9);
        result.Count(s => s.UserId == "alice" && s.ExplorationProbability is not null).ShouldBeInRange(340, 460);
        result.Count(s => s.UserId == "bob" && s.ExplorationProbability is not null).ShouldBeInRange(70, 130);
        result.Count(s => s.UserId == "carol" && s.ExplorationProbability is not null).ShouldBeInRange(340, 460);
    }

    [Fact]
    public void Never_explores_liked_blocked_verdictless_or_cold_start_works_nor_for_a_user_who_turned_it_off()
    {
        var blocked = new ScoreReason(PreferenceScorer.Source, "blocked genre: ホラー", -1);
        List<WorkScored> scores =
        [
            .. Enumerable.Range(0, 50).Select(i => Score(i, liked: true)),
            .. Enumerable.Range(50, 50).Select(i => Score(i, liked: false, reasons: [blocked])),
            .. Enumerable.Range(100, 50).Select(i => Score(i, liked: null)),
            .. Enumerable.Range(150, 50).Select(i => Score(i, liked: false, user: "bob")),
            .. Enumerable.Range(200, 50).Select(i => Score(i, liked: false) with { ModelId = "popularity", ModelVersion = 0 }),
        ];

        var result = At(1).Apply(scores, [new UserProfile("alice"), new UserProfile("bob", Explore: false)]);

        result.ShouldAllBe(s => s.ExplorationProbability == null);
        At(0).Apply([Score(1, liked: false)], [new UserProfile("alice")]).Single().ExplorationProbability.ShouldBeNull();
    }

    // A user whose labels cannot train a model yet: their cold-start "not liked" is explored like a model's, at its own rate.
    [Theory]
    [InlineData(0.1, 0.3)]
    [InlineData(0, 0.3)]
    [InlineData(0.1, 0)]
    public void A_user_awaiting_a_model_is_explored_at_its_own_rate_beside_users_a_model_serves(double rate, double withoutModel)
    {
        var served = Enumerable.Range(0, 4000).Select(i => Score(i, liked: false, user: "alice"));
        var awaiting = Enumerable.Range(0, 4000).Select(i => Score(i, liked: false, user: "bob") with { ModelId = PreferenceScorer.AwaitingModel, ModelVersion = 0 });

        var result = At(rate, withoutModel).Apply([.. served, .. awaiting], [new UserProfile("alice"), new UserProfile("bob")]);

        foreach (var (user, expected) in new[] { ("alice", rate), ("bob", withoutModel) })
        {
            var explored = result.Where(s => s.UserId == user && s.ExplorationProbability is not null).ToList();
            explored.Count.ShouldBeInRange((int)(4000 * expected * 0.85), (int)Math.Ceiling(4000 * expected * 1.15));
            explored.ShouldAllBe(s => Math.Abs(s.ExplorationProbability!.Value - expected) < 1e-9);
        }
    }

    [Fact]
    public void Higher_scored_works_are_likelier_picks_and_a_redelivery_picks_the_same_works()
    {
        var scores = Enumerable.Range(0, 2000).Select(i => Score(i, liked: false, score: i % 2 == 0 ? 0.45 : 0.0)).ToList();
        var users = new[] { new UserProfile("alice") };

        var first = At(0.1).Apply(scores, users);
        var again = At(0.1).Apply(scores, users);

        first.Select(s => s.ExplorationProbability).ShouldBe(again.Select(s => s.ExplorationProbability));
        var high = first.Where((_, i) => i % 2 == 0).Count(s => s.ExplorationProbability is not null);
        var low = first.Where((_, i) => i % 2 == 1).Count(s => s.ExplorationProbability is not null);
        high.ShouldBeGreaterThan(low * 4);
    }

    [Fact]
    public async Task The_score_a_user_sees_is_the_serving_versions_calibrated_probability()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("alice"), ct);
        var registry = store.Get<ITasteModelRegistry>();
        var served = await TasteModelSeed.ServeAsync(registry, "alice", SampleWorks.IsSoothing, ct);
        var calibration = new ScoreCalibration(0.5, -1);
        await using var host = await InferenceHost.StartAsync(store, ct);
        var works = SampleWorks.Range(300, 4);
        var raw = await host.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, works, [new UserProfile("alice")], ct);
        // The same model, registered again with a calibration, now serves.
        var model = await registry.LoadBytesAsync("alice", served.Version, ct);
        var calibrated = await registry.RegisterAsync(new TasteModelDraft("alice", served.Family, served.Metrics with { Calibration = calibration }, model), ct);
        await registry.PromoteAsync("alice", calibrated.Version, "test", ct);

        var shown = await host.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, works, [new UserProfile("alice")], ct);

        for (var i = 0; i < works.Count; i++)
        {
            shown[i].Score.ShouldBe(calibration.Apply(raw[i].Score), 1e-9);
            shown[i].Threshold.ShouldBe(calibration.Apply(raw[i].Threshold), 1e-9);
            shown[i].Liked.ShouldBe(raw[i].Liked);
        }
    }
}

using Konomi.Contracts;
using Konomi.Inference;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Labelling.Tests;

public class PreferenceScoringTests
{
    static readonly Work Soothing = SampleWorks.Create(2);
    static readonly Work Horror = SampleWorks.Create(3);

    /// <summary>The cold start's own reasons, without the one every score made without a model carries (why there is none).</summary>
    static IEnumerable<ScoreReason> Own(WorkScored score) => score.Reasons.Where(r => r.Source != WorkScored.NoModelSource);

    [Fact]
    public async Task A_blocked_voice_actor_wins_over_a_model_that_likes_the_work()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        using var scoring = Scoring.On(store);
        await SampleModel.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", ct);
        var blocking = new UserProfile("alice", Preferences: new Preferences { BlockedVoiceActors = ["春野ひより"] });

        var plain = (await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [Soothing], [new UserProfile("alice")], ct)).Single();
        var blocked = (await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [Soothing], [blocking], ct)).Single();

        plain.Liked.ShouldBe(true);
        blocked.Liked.ShouldBe(false);
        blocked.ModelId.ShouldBe("ngram");
        blocked.Reasons[0].Text.ShouldBe("blocked voice actor: 春野ひより");
        blocked.Reasons.Skip(1).ShouldNotBeEmpty("the model's own reasons are kept after the block");
    }

    [Fact]
    public async Task A_liked_circle_lifts_the_model_score_and_names_itself_first()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        using var scoring = Scoring.On(store);
        await SampleModel.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", ct);
        var liking = new UserProfile("alice", Preferences: new Preferences { LikedCircles = ["闇夜の館"] });

        var plain = (await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [Horror], [new UserProfile("alice")], ct)).Single();
        var liked = (await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [Horror], [liking], ct)).Single();

        liked.Score.ShouldBe(1 - (1 - plain.Score) / 2, 1e-9);
        liked.Reasons[0].ShouldBe(new ScoreReason("preference", "circle: 闇夜の館", 1));
    }

    [Fact]
    public async Task Without_a_model_liked_preferences_give_a_verdict_with_their_reasons()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        using var scoring = Scoring.On(store);
        var user = new UserProfile("bob", Preferences: new Preferences { LikedVoiceActors = ["春野ひより"], LikedKeywords = ["耳かき"] });
        var work = Soothing with { Title = "ＡＳＭＲ耳かきの夜" };

        var scores = await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [work, Horror], [user], ct);

        var liked = scores.Single(s => s.WorkId == work.Id);
        liked.Liked.ShouldBe(true);
        liked.ModelId.ShouldBe("preferences");
        liked.Score.ShouldBe(0.75);
        Own(liked).Select(r => r.Text).ShouldBe(["voice actor: 春野ひより", "title: 耳かき"], ignoreOrder: true);
        var other = scores.Single(s => s.WorkId == Horror.Id);
        other.Liked.ShouldBe(false);
        Own(other).Single().Text.ShouldContain("none of your liked");
    }

    [Fact]
    public async Task Without_a_model_a_blocked_keyword_beats_a_liked_circle()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        using var scoring = Scoring.On(store);
        var user = new UserProfile("bob", Preferences: new Preferences { LikedCircles = ["ひだまり工房"], BlockedKeywords = ["テーマ"] });

        var score = (await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [Soothing], [user], ct)).Single();

        score.Liked.ShouldBe(false);
        Own(score).Single().Text.ShouldBe("blocked description: テーマ");
    }

    [Fact]
    public async Task A_user_with_neither_labels_nor_preferences_gets_the_popularity_prior()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        using var scoring = Scoring.On(store, new Dictionary<string, string?> { ["Labelling:PopularCount"] = "100" });
        var popular = Soothing with { Popularity = new Popularity(Sales: 150, Wishlist: 50, null, null) };
        var obscure = Horror with { Popularity = new Popularity(Sales: 10, Wishlist: 20, null, null) };
        var unknown = SampleWorks.Create(4);

        var scores = (await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [popular, obscure, unknown], [new UserProfile("carol")], ct))
            .ToDictionary(s => s.WorkId);

        scores[popular.Id].Liked.ShouldBe(true);
        scores[popular.Id].Score.ShouldBe(200.0 / 300, 1e-9);
        scores[popular.Id].ModelId.ShouldBe("popularity");
        Own(scores[popular.Id]).Single().Text.ShouldBe("popularity: 50 wishlisted, 150 sold");
        // The prior is no model's verdict, and the score says so.
        scores[popular.Id].NoModel.ShouldBe("20 more labels needed for a first model, incl. at least 2 興味あり and 2 別に");
        scores[obscure.Id].Liked.ShouldBe(false);
        scores[unknown.Id].Liked.ShouldBeNull("no counts: nothing to go on");
    }

    [Fact]
    public async Task Without_sales_or_wishlist_counts_the_prior_reads_the_ratings_a_crawl_stores()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        using var scoring = Scoring.On(store, new Dictionary<string, string?> { ["Labelling:PopularCount"] = "100", ["Labelling:BuyersPerRating"] = "10" });
        var rated = Soothing with { Popularity = new Popularity(null, null, RatingAverage: 4.5, RatingCount: 20) };
        var barelyRated = Horror with { Popularity = new Popularity(null, null, RatingAverage: 2.5, RatingCount: 2) };

        var scores = (await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [rated, barelyRated], [new UserProfile("carol")], ct))
            .ToDictionary(s => s.WorkId);

        scores[rated.Id].Score.ShouldBe(180.0 / 280, 1e-9);
        scores[rated.Id].Liked.ShouldBe(true);
        Own(scores[rated.Id]).Single().Text.ShouldBe("popularity: 20 ratings, average 4.5");
        scores[barelyRated.Id].Liked.ShouldBe(false);
    }

    [Fact]
    public async Task Once_a_user_has_labels_the_popularity_prior_no_longer_decides()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        using var scoring = Scoring.On(store);
        await store.Get<ILabelStore>().RecordAsync(new Click("c1", "carol", Horror.Id, false, DateTimeOffset.UtcNow, "test"), ct);
        var popular = Soothing with { Popularity = new Popularity(Sales: 5000, Wishlist: 5000, null, null) };

        var score = (await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [popular], [new UserProfile("carol")], ct)).Single();

        // Not liked until the labels can train a model; exploration may still post it (おためし), saying what is missing.
        score.Liked.ShouldBe(false);
        score.ModelId.ShouldBe(PreferenceScorer.AwaitingModel);
        score.Reasons.ShouldHaveSingleItem().Source.ShouldBe(WorkScored.NoModelSource);
        score.NoModel.ShouldBe("20 more labels needed for a first model, incl. at least 2 興味あり and 2 別に");
    }
}

using Konomi.Contracts;
using Konomi.Inference;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.Testing;

namespace Konomi.Labelling.Tests;

public class CoLikesTests
{
    static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    static Label Like(string user, string work) => new(user, work, true, At, "test");

    static Label Dislike(string user, string work) => new(user, work, false, At, "test");

    static readonly HashSet<string> Everyone = ["alice", "bob", "dave", "erin"];

    [Fact]
    public void Co_like_strength_is_the_cosine_of_other_likers_averaged_over_the_closest_liked_works()
    {
        // W9's other likers {bob, erin}; W1's {bob, dave, erin}: cosine 2/√6. W2 shares no liker with W9.
        Label[] labels = [Like("alice", "W1"), Like("alice", "W2"), Like("bob", "W1"), Like("bob", "W9"), Like("dave", "W1"), Like("dave", "W2"), Like("erin", "W1"), Like("erin", "W9")];

        var coLikes = new CoLikes(labels, Everyone);

        coLikes.Strength("alice", "W9").ShouldBe(2 / Math.Sqrt(6) / CoLikes.Neighbours, 1e-12);
        coLikes.Facet("alice", "W9").ShouldBe(new Facet(CoLikes.Source, "0.1"));
    }

    [Fact]
    public void The_persons_own_answer_on_the_work_never_changes_its_co_like_strength()
    {
        Label[] others = [Like("alice", "W1"), Like("bob", "W1"), Like("bob", "W9"), Like("erin", "W1"), Like("erin", "W9")];

        var unlabelled = new CoLikes(others, Everyone).Strength("alice", "W9");

        unlabelled.ShouldBeGreaterThan(0);
        new CoLikes([.. others, Like("alice", "W9")], Everyone).Strength("alice", "W9").ShouldBe(unlabelled);
        new CoLikes([.. others, Dislike("alice", "W9")], Everyone).Strength("alice", "W9").ShouldBe(unlabelled);
    }

    [Fact]
    public void A_work_nobody_else_liked_or_liked_only_by_people_who_do_not_share_has_no_co_like_feature()
    {
        Label[] labels = [Like("alice", "W1"), Like("alice", "W9"), Like("erin", "W1"), Like("erin", "W9")];

        new CoLikes(labels, Everyone).Facet("alice", "W9").ShouldNotBeNull();
        new CoLikes(labels, new HashSet<string> { "alice", "bob" }).Strength("alice", "W9").ShouldBe(0);
        new CoLikes(labels, new HashSet<string> { "alice", "bob" }).Facet("alice", "W9").ShouldBeNull();
    }

    [Fact]
    public void A_co_like_needs_two_other_people_who_liked_both_works()
    {
        Label[] labels = [Like("alice", "W1"), Like("bob", "W1"), Like("bob", "W9"), Like("dave", "W1"), Dislike("dave", "W9")];

        new CoLikes(labels, Everyone).Strongest("alice", "W9").ShouldBeNull();
        new CoLikes([.. labels, Like("erin", "W1"), Like("erin", "W9")], Everyone).Strongest("alice", "W9")
            .ShouldBe(new CoLike("W1", 2, 2 / 3.0));
    }

    [Fact]
    public void The_users_own_likes_never_count_as_other_people()
    {
        // Only bob liked both besides alice herself: alice liking W9 too must not make up the second person.
        Label[] labels = [Like("alice", "W1"), Like("alice", "W9"), Like("bob", "W1"), Like("bob", "W9"), Like("dave", "W1")];

        new CoLikes(labels, Everyone).Strongest("alice", "W9").ShouldBeNull();
    }

    [Fact]
    public void People_who_do_not_share_are_counted_for_nobody()
    {
        Label[] labels = [Like("alice", "W1"), Like("bob", "W1"), Like("bob", "W9"), Like("erin", "W1"), Like("erin", "W9")];

        new CoLikes(labels, new HashSet<string> { "alice", "bob" }).Strongest("alice", "W9").ShouldBeNull();
        new CoLikes(labels, Everyone).Strongest("alice", "W9").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_work_liked_by_people_who_liked_what_the_user_liked_is_explained_without_naming_them()
    {
        var (alice, liked) = await ScoreForAliceAsync(erinShares: true);

        var reason = alice.Reasons.Where(r => r.Source == CoLikes.Source).ShouldHaveSingleItem();
        reason.Text.ShouldBe($"「{liked.Title}」が好きな人はこの作品も好き");
        foreach (var other in new[] { "bob", "erin", "2" }) alice.Reasons.ShouldAllBe(r => !r.Text.Contains(other));
    }

    [Fact]
    public async Task A_colleague_who_does_not_share_lends_no_co_like_reason()
    {
        var (alice, _) = await ScoreForAliceAsync(erinShares: false);

        alice.Reasons.ShouldNotContain(r => r.Source == CoLikes.Source);
    }

    /// <summary>alice (with a model) liked a work; bob and erin liked it and the candidate alice is then scored for.</summary>
    static async Task<(WorkScored Alice, Work Liked)> ScoreForAliceAsync(bool erinShares)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        using var scoring = Scoring.On(store);
        await SampleModel.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", ct);
        var (liked, candidate) = (SampleWorks.Create(300), SampleWorks.Create(311));
        var users = store.Get<IUserStore>();
        await users.UpsertAsync(new UserProfile("alice"), ct);
        await users.UpsertAsync(new UserProfile("bob"), ct);
        await users.UpsertAsync(new UserProfile("erin", Shared: erinShares), ct);
        await store.Get<IWorkStore>().AddAsync(liked, Guid.NewGuid(), ct);
        await store.Get<IWorkStore>().AddAsync(candidate, Guid.NewGuid(), ct);
        var clicks = store.Get<ILabelStore>();
        var n = 0;
        foreach (var (user, work) in new[] { ("alice", liked), ("bob", liked), ("bob", candidate), ("erin", liked), ("erin", candidate) })
            await clicks.RecordAsync(new Click($"c{n++}", user, work.Id, true, At, "test"), ct);
        return ((await scoring.Get<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [candidate], [new UserProfile("alice")], ct)).Single(), liked);
    }
}

using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Shared;
using Konomi.TasteModels.Tests.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests.Shared;

public class SharedNgramFamilyTests
{
    private static readonly SharedNgramFamily Family = new(Options.Create(new NgramOptions()));
    private static readonly NgramFamily PerUser = new(Options.Create(new NgramOptions()));

    private static readonly string[] Themes = ["耳かき", "添い寝", "囁き", "マッサージ", "睡眠導入", "お姉さん", "ツンデレ", "幼馴染"];
    private static readonly string[] Settings = ["夜の部屋", "温泉旅館", "放課後", "雨の日", "図書館", "夏祭り", "星空", "カフェ"];

    /// <summary>A user's labelled works: titles combine a theme and a setting; <paramref name="likes"/> decides from the theme.</summary>
    private static UserExamples User(string name, int seed, Func<string, bool> likes, IReadOnlyCollection<string>? themes = null, int count = 48, bool shares = true)
    {
        var offered = (themes ?? Themes).ToArray();
        var random = new Random(seed);
        var examples = Enumerable.Range(0, count).Select(i =>
        {
            var theme = offered[i % offered.Length];
            var title = $"{theme}と{Settings[random.Next(Settings.Length)]}の{random.Next(1000)}話";
            return new Example(TasteInput.FromText(title), likes(theme));
        }).ToArray();
        return new UserExamples(name, examples, shares);
    }

    private static bool LikesEarCleaning(string theme) => theme is "耳かき" or "囁き";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_user_alone_keeps_the_per_user_model()
    {
        var alone = User("u1", 1, LikesEarCleaning);

        var model = Family.Train([alone], Ct).Single();

        model.Shared.ShouldBeNull();
        model.UsesShared.ShouldBeFalse();
        model.Model.Serialize().ShouldBe(PerUser.Train(alone.Examples, Ct).Serialize());
    }

    [Fact]
    public void The_shared_fit_ends_where_the_ngram_options_say()
    {
        NgramOptions Stop(double decrease) => new() { StopAtRelativeDecrease = decrease };
        UserExamples[] users = [User("a", 1, LikesEarCleaning), User("b", 2, LikesEarCleaning)];

        var loose = new SharedNgramFamily(Options.Create(Stop(1e-2))).Train(users, Ct);
        var tight = new SharedNgramFamily(Options.Create(Stop(1e-9))).Train(users, Ct);
        var tightAgain = new SharedNgramFamily(Options.Create(Stop(1e-9))).Train(users, Ct);

        loose[0].Shared.ShouldNotBeNull();
        loose[0].Shared!.Serialize().ShouldNotBe(tight[0].Shared!.Serialize());
        tightAgain[0].Shared!.Serialize().ShouldBe(tight[0].Shared!.Serialize());
    }

    [Fact]
    public void A_user_who_does_not_share_gets_the_per_user_model_and_teaches_nobody()
    {
        var a = User("a", 1, LikesEarCleaning);
        var b = User("b", 2, LikesEarCleaning);
        // c's labels are the opposite of everyone's: if they leaked into the pool, a's shared model would change.
        var c = User("c", 3, theme => !LikesEarCleaning(theme), shares: false);

        var withC = Family.Train([a, b, c], Ct);
        var withoutC = Family.Train([a, b], Ct);

        withC[2].Shared.ShouldBeNull();
        withC[2].Model.Serialize().ShouldBe(PerUser.Train(c.Examples, Ct).Serialize());
        withC[0].Shared.ShouldNotBeNull();
        withC[0].Shared!.Serialize().ShouldBe(withoutC[0].Shared!.Serialize());
        withC[1].Shared!.Serialize().ShouldBe(withoutC[1].Shared!.Serialize());
    }

    [Fact]
    public void Others_labels_teach_a_user_about_works_they_never_labelled()
    {
        var others = Enumerable.Range(0, 3).Select(i => User($"other{i}", 10 + i, LikesEarCleaning)).ToList();
        // The newcomer shares the taste for 囁き but has never labelled an ear-cleaning (耳かき) work.
        var newcomer = User("newcomer", 20, LikesEarCleaning, themes: [.. Themes.Where(t => t != "耳かき")]);
        var unseen = TasteInput.FromText("耳かきと夜の部屋の新作");

        var models = Family.Train([.. others, newcomer], Ct);
        var mine = models[^1];

        mine.Personal.Predict([unseen])[0].Score.ShouldBeLessThan(mine.Personal.Threshold);
        mine.Shared!.Predict([unseen])[0].Score.ShouldBeGreaterThanOrEqualTo(mine.Shared.Threshold);
    }

    [Fact]
    public void Personal_offsets_keep_a_taste_nobody_else_has()
    {
        var others = Enumerable.Range(0, 3).Select(i => User($"other{i}", 30 + i, LikesEarCleaning)).ToList();
        var dissenter = User("dissenter", 40, theme => theme is "ツンデレ" or "幼馴染", count: 64);
        var earCleaning = TasteInput.FromText("耳かきと温泉旅館の新作");
        var tsundere = TasteInput.FromText("ツンデレと温泉旅館の新作");

        var models = Family.Train([.. others, dissenter], Ct);
        var theirs = models[^1].Shared!;
        var another = models[0].Shared!;

        theirs.Predict([earCleaning])[0].Score.ShouldBeLessThan(theirs.Threshold);
        theirs.Predict([tsundere])[0].Score.ShouldBeGreaterThanOrEqualTo(theirs.Threshold);
        another.Predict([earCleaning])[0].Score.ShouldBeGreaterThanOrEqualTo(another.Threshold);
        another.Predict([tsundere])[0].Score.ShouldBeLessThan(another.Threshold);
    }

    [Fact]
    public void A_person_with_enough_labels_gets_a_vote_of_their_own_in_the_shared_model()
    {
        var family = new SharedNgramFamily(Options.Create(new NgramOptions { NaiveBayesVoteFrom = 48 }));
        var dissenter = User("dissenter", 40, theme => theme is "ツンデレ" or "幼馴染", count: 48);
        var newcomer = User("newcomer", 41, LikesEarCleaning, count: 40);

        var models = family.Train([User("a", 1, LikesEarCleaning), dissenter, newcomer], Ct);
        // The same works for a, labelled the other way round: the shared weights move, the dissenter's vote must not.
        var withOppositeA = family.Train([User("a", 1, theme => !LikesEarCleaning(theme)), dissenter, newcomer], Ct);

        var theirs = ((NgramModel)models[1].Shared!).Votes();
        theirs.ShouldNotBeNull();
        ((NgramModel)models[2].Shared!).Votes().ShouldBeNull();
        ((NgramModel)withOppositeA[1].Shared!).Votes().ShouldBe(theirs);
        models[1].Shared!.Serialize().ShouldNotBe(withOppositeA[1].Shared!.Serialize());
    }
}

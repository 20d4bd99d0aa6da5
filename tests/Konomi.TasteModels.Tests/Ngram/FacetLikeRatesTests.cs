using Konomi.TasteModels.Input;
using Konomi.TasteModels.Learning;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests.Ngram;

public class FacetLikeRatesTests
{
    private static readonly NgramOptions LikeRates = new() { FacetLikeRates = true };

    // Ten works: circle A on 0-3 (three liked), circle B on 4-7 (none liked), circle C once on 8 (liked), no circle on 9.
    private static readonly TasteInput[] Works =
    [
        .. Enumerable.Range(0, 10).Select(i => new TasteInput($"作品{i}", i switch
        {
            < 4 => [new Facet(FacetFields.Circle, "A"), new Facet(FacetFields.Genre, "癒し")],
            < 8 => [new Facet(FacetFields.Circle, "B"), new Facet(FacetFields.Genre, "癒し")],
            8 => [new Facet(FacetFields.Circle, "C")],
            _ => [],
        })),
    ];

    private static readonly bool[] Labels = [true, true, true, false, false, false, false, false, true, false];

    private static readonly int[] AllRows = [.. Enumerable.Range(0, Works.Length)];

    [Fact]
    public void A_facet_seen_once_gives_its_training_row_the_prior_and_a_new_work_its_lift()
    {
        var hashed = HashedInput.HashAll(Works, LikeRates);
        var vectorizer = NgramVectorizer.Fit(hashed, Labels, AllRows, LikeRates);
        var newWork = HashedInput.HashAll([new TasteInput("新作", [new Facet(FacetFields.Circle, "C")])], LikeRates);

        var training = vectorizer.Transform(hashed, AllRows, Labels);
        var scored = vectorizer.Transform(newWork, [0]);

        var circle = CircleColumn(vectorizer);
        Value(training, 8, circle).ShouldBe(0);
        Value(scored, 0, circle).ShouldBe((float)FacetLikeRates.Lift(1, 1, 0.4), 1e-6);
        Value(scored, 0, circle).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_training_row_never_sees_its_own_label_in_its_like_rates()
    {
        var hashed = HashedInput.HashAll(Works, LikeRates);
        var flipped = Labels.Select((l, i) => i == 0 ? !l : l).ToArray();

        var rows = NgramVectorizer.Fit(hashed, Labels, AllRows, LikeRates).Transform(hashed, AllRows, Labels);
        var rowsFlipped = NgramVectorizer.Fit(hashed, flipped, AllRows, LikeRates).Transform(hashed, AllRows, flipped);

        rows.Values(0).ToArray().ShouldBe(rowsFlipped.Values(0).ToArray());
        rows.Values(1).ToArray().ShouldNotBe(rowsFlipped.Values(1).ToArray());   // its circle-mates do see it
    }

    [Fact]
    public void Held_out_works_get_like_rates_from_the_training_rows_alone()
    {
        var hashed = HashedInput.HashAll(Works, LikeRates);
        int[] training = [0, 1, 2, 4, 5, 6, 8, 9];
        int[] held = [3, 7];
        var heldFlipped = Labels.Select((l, i) => held.Contains(i) ? !l : l).ToArray();

        var rows = NgramVectorizer.Fit(hashed, Labels, training, LikeRates).Transform(hashed, held);
        var rowsFlipped = NgramVectorizer.Fit(hashed, heldFlipped, training, LikeRates).Transform(hashed, held);

        var circle = CircleColumn(NgramVectorizer.Fit(hashed, Labels, training, LikeRates));
        for (var r = 0; r < held.Length; r++) rows.Values(r).ToArray().ShouldBe(rowsFlipped.Values(r).ToArray());
        Value(rows, 0, circle).ShouldBe((float)FacetLikeRates.Lift(3, 3, 0.5), 1e-6);   // circle A: 3 of 3 liked in training
        Value(rows, 1, circle).ShouldBe((float)FacetLikeRates.Lift(0, 3, 0.5), 1e-6);   // circle B: 0 of 3
    }

    [Fact]
    public void Each_field_is_one_column_by_name_the_mean_over_its_facets_whatever_order_a_work_lists_them()
    {
        var hashed = HashedInput.HashAll(Works, LikeRates);
        var vectorizer = NgramVectorizer.Fit(hashed, Labels, AllRows, LikeRates);
        var work = HashedInput.HashAll(
        [
            new TasteInput("新作", [new Facet(FacetFields.Genre, "癒し"), new Facet(FacetFields.Circle, "A"), new Facet(FacetFields.Circle, "未知")]),
            new TasteInput("新作", [new Facet(FacetFields.Circle, "未知"), new Facet(FacetFields.Circle, "A"), new Facet(FacetFields.Genre, "癒し")]),
        ], LikeRates);

        var rows = vectorizer.Transform(work, [0, 1]);

        vectorizer.LikeRates!.Fields.ShouldBe([FacetFields.Circle, FacetFields.Genre]);
        vectorizer.Width.ShouldBe(vectorizer.Keys.Length + 2);
        rows.Values(0).ToArray().ShouldBe(rows.Values(1).ToArray());
        // Circle A was liked 3 of 4 times; the unseen circle adds the prior, 0, and halves the mean.
        Value(rows, 0, CircleColumn(vectorizer)).ShouldBe((float)(FacetLikeRates.Lift(3, 4, 0.4) / 2), 1e-6);
        Value(rows, 0, vectorizer.Keys.Length + 1).ShouldBe((float)FacetLikeRates.Lift(3, 8, 0.4), 1e-6);
    }

    [Fact]
    public void A_circle_the_user_always_likes_lifts_a_new_work_and_is_named_as_its_reason()
    {
        // Text says nothing; only the circle tells likes apart.
        var examples = Enumerable.Range(0, 40).Select(i => new Example(
            new TasteInput($"作品{i}", [new Facet(FacetFields.Circle, i % 4 == 0 ? "好きなサークル" : $"サークル{i % 7}")]), i % 4 == 0)).ToArray();
        var family = new NgramFamily(Options.Create(new NgramOptions { FacetLikeRates = true, MinDocuments = 100, EveryFeatureBelow = 0 }));
        var model = family.Train(examples, TestContext.Current.CancellationToken);

        var liked = model.Predict([new TasteInput("新作", [new Facet(FacetFields.Circle, "好きなサークル")])])[0];
        var other = model.Predict([new TasteInput("新作", [new Facet(FacetFields.Circle, "初めてのサークル")])])[0];

        liked.Score.ShouldBeGreaterThan(other.Score);
        liked.Reasons.ShouldContain(r => r.Text == "circle: 好きなサークル" && r.Weight > 0);
    }

    [Fact]
    public void Circles_each_seen_once_teach_the_model_nothing()
    {
        // Every work has a circle of its own: left out of its own row, each circle is only the prior, so a liked
        // work's circle must not lift a new work above a disliked work's circle (with its own label counted it would).
        var examples = Enumerable.Range(0, 40).Select(i => new Example(
            new TasteInput($"作品{i}", [new Facet(FacetFields.Circle, $"サークル{i}")]), i % 2 == 0)).ToArray();
        var family = new NgramFamily(Options.Create(new NgramOptions { FacetLikeRates = true, MinDocuments = 100, EveryFeatureBelow = 0 }));
        var model = family.Train(examples, TestContext.Current.CancellationToken);

        var likedCircle = model.Predict([new TasteInput("新作", [new Facet(FacetFields.Circle, "サークル0")])])[0];
        var dislikedCircle = model.Predict([new TasteInput("新作", [new Facet(FacetFields.Circle, "サークル1")])])[0];

        likedCircle.Score.ShouldBe(dislikedCircle.Score, 1e-9);
    }

    private static int CircleColumn(NgramVectorizer vectorizer) =>
        vectorizer.Keys.Length + Array.IndexOf(vectorizer.LikeRates!.Fields, FacetFields.Circle);

    private static float Value(SparseRows rows, int row, int column)
    {
        var at = rows.Columns(row).IndexOf(column);
        return at < 0 ? 0 : rows.Values(row)[at];
    }
}

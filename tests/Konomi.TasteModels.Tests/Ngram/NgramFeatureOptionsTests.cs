using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests.Ngram;

public class NgramFeatureOptionsTests
{
    private static readonly NgramOptions NaiveBayes = new() { NaiveBayes = true };

    [Fact]
    public void Naive_Bayes_ratios_are_fitted_on_the_training_rows_alone()
    {
        // Keys 1 and 2 are in every row; key 1 follows the label on rows 0-7, key 2 does not.
        var inputs = Enumerable.Range(0, 12).Select(i => Hashed(i < 8 && i % 2 == 0 ? [1u, 3u] : [2u, 3u])).ToArray();
        var liked = Enumerable.Range(0, 12).Select(i => i % 2 == 0).ToArray();
        int[] training = [0, 1, 2, 3, 4, 5, 6, 7];

        var fitted = NgramVectorizer.Fit(inputs, liked, training, NaiveBayes);
        var heldOutFlipped = NgramVectorizer.Fit(inputs, [.. liked.Select((l, i) => i < 8 ? l : !l)], training, NaiveBayes);
        var trainingFlipped = NgramVectorizer.Fit(inputs, [.. liked.Select((l, i) => i == 0 ? !l : l)], training, NaiveBayes);

        Idfs(heldOutFlipped).ShouldBe(Idfs(fitted));
        Idfs(trainingFlipped).ShouldNotBe(Idfs(fitted));
    }

    [Fact]
    public void Naive_Bayes_weighs_a_key_that_separates_likes_above_an_equally_common_one_that_does_not()
    {
        // Key 1 is in four liked rows, key 2 in two liked and two others: the same document frequency.
        uint[][] keys = [[1, 2], [1, 2], [1], [1], [2], [2], [3], [3]];
        var inputs = keys.Select(Hashed).ToArray();
        bool[] liked = [true, true, true, true, false, false, false, false];
        var rows = Enumerable.Range(0, inputs.Length).ToArray();

        var plain = NgramVectorizer.Fit(inputs, liked, rows, new NgramOptions());
        var scaled = NgramVectorizer.Fit(inputs, liked, rows, NaiveBayes);

        plain.Scales.Idf(Column(plain, 1)).ShouldBe(plain.Scales.Idf(Column(plain, 2)));
        scaled.Scales.Idf(Column(scaled, 1)).ShouldBeGreaterThan(scaled.Scales.Idf(Column(scaled, 2)) * 2);
    }

    [Fact]
    public void A_long_description_does_not_shrink_the_title_when_the_title_is_apart()
    {
        var shortWork = TasteInput.FromText("耳かきの夜\n短い説明");
        var longWork = TasteInput.FromText("耳かきの夜\n" + string.Concat(Enumerable.Repeat("とても長い説明文がここに続きます。", 20)));
        var apart = new NgramOptions { TitleApart = true, MinDocuments = 1 };
        var hashed = HashedInput.HashAll([shortWork, longWork], apart);
        var vectorizer = NgramVectorizer.Fit(hashed, [true, false], [0, 1], apart);

        var rows = vectorizer.Transform(hashed, [0, 1]);

        var titleLength = new[] { 0, 1 }.Select(r => TitleLength(vectorizer, rows, r)).ToArray();
        titleLength[0].ShouldBe(1, 1e-5);
        titleLength[1].ShouldBe(1, 1e-5);
    }

    [Fact]
    public void Without_the_title_apart_a_long_description_shrinks_it()
    {
        var options = new NgramOptions { MinDocuments = 1 };
        var hashed = HashedInput.HashAll([TasteInput.FromText("耳かきの夜\n" + string.Concat(Enumerable.Repeat("とても長い説明文がここに続きます。", 20)))], options);
        var vectorizer = NgramVectorizer.Fit(hashed, [true], [0], options);
        var title = HashedInput.HashAll([TasteInput.FromText("耳かきの夜")], options)[0].Text;

        var rows = vectorizer.Transform(hashed, [0]);

        var columns = rows.Columns(0).ToArray();
        var values = rows.Values(0).ToArray();
        var titleSquares = title.Select(k => values[Array.IndexOf(columns, Column(vectorizer, k))]).Sum(v => (double)v * v);
        Math.Sqrt(titleSquares).ShouldBeLessThan(0.5);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_facet_fields_apart_more_genres_do_not_shrink_the_circle(bool apart)
    {
        var options = new NgramOptions { FacetFieldsApart = apart, MinDocuments = 1 };
        Facet[] circle = [new("circle", "サークルA")];
        var oneGenre = new TasteInput("a", [.. circle, new("genre", "耳かき")]);
        var fiveGenres = new TasteInput("b", [.. circle, .. new[] { "耳かき", "癒し", "バイノーラル", "ささやき", "添い寝" }.Select(g => new Facet("genre", g))]);
        var hashed = HashedInput.HashAll([oneGenre, fiveGenres], options);
        var vectorizer = NgramVectorizer.Fit(hashed, [true, false], [0, 1], options);
        var circleColumn = Column(vectorizer, NgramHashing.Facet(circle[0]));

        var rows = vectorizer.Transform(hashed, [0, 1]);

        var circleValue = new[] { 0, 1 }.Select(r => rows.Values(r)[rows.Columns(r).IndexOf(circleColumn)]).ToArray();
        if (apart) circleValue.ShouldAllBe(v => Math.Abs(v - 1) < 1e-6);
        else ((double)circleValue[1]).ShouldBeLessThan(circleValue[0] * 0.5);
    }

    [Fact]
    public void Word_bounded_ngrams_never_run_across_a_space()
    {
        var input = TasteInput.FromText("ab cd");
        string[] Grams(bool wordBounded) =>
            [.. NgramFeatures.Of(input, new TextShape(2, 4, Words: false, TitleApart: false, wordBounded)).Occurrences.Select(o => input.Text.Substring(o.Start, o.Length)).Distinct().Order(StringComparer.Ordinal)];

        Grams(wordBounded: true).ShouldBe(["ab", "ab ", "b ", " c", " cd", "cd"], ignoreOrder: true);
        Grams(wordBounded: false).ShouldContain("b c");
    }

    [Fact]
    public void Word_bounded_ngrams_leave_text_without_spaces_as_it_was()
    {
        var input = TasteInput.FromText("耳かきの夜と添い寝");
        NgramFeatures.Of(input, new TextShape(1, 4, true, false, WordBounded: true)).TextKeys
            .ShouldBe(NgramFeatures.Of(input, new TextShape(1, 4, true, false, WordBounded: false)).TextKeys);
    }

    [Theory]
    [InlineData(true, false, false, false, false)]
    [InlineData(false, true, false, false, false)]
    [InlineData(false, false, true, false, false)]
    [InlineData(false, false, false, true, false)]
    [InlineData(false, false, false, false, true)]
    [InlineData(true, true, true, true, true)]
    public void A_saved_model_with_feature_options_scores_and_explains_exactly_as_before(bool naiveBayes, bool titleApart, bool facetFieldsApart, bool wordBounded, bool facetLikeRates)
    {
        var family = new NgramFamily(Options.Create(new NgramOptions { NaiveBayes = naiveBayes, TitleApart = titleApart, FacetFieldsApart = facetFieldsApart, WordBounded = wordBounded, FacetLikeRates = facetLikeRates }));
        var model = family.Train(NgramFamilyTests.ToyExamples(), TestContext.Current.CancellationToken);
        var inputs = NgramFamilyTests.ToyExamples().Select(e => e.Input)
            .Append(TasteInput.FromText("耳かき\nまったく別の文章 unseen"))
            .Append(new TasteInput("新作", [new Facet(FacetFields.VoiceActor, "声優A"), new Facet(FacetFields.VoiceActor, "声優Z"), new Facet(FacetFields.Circle, "未知")]))
            .ToArray();

        var loaded = family.Deserialize(model.Serialize());

        loaded.Predict(inputs).Select(p => (p.Score, string.Join('|', p.Reasons)))
            .ShouldBe(model.Predict(inputs).Select(p => (p.Score, string.Join('|', p.Reasons))));
    }

    [Fact]
    public void Version_1_to_4_files_still_load_and_score_as_they_did()
    {
        var family = new NgramFamily(Options.Create(new NgramOptions { NaiveBayesVote = false }));
        var model = family.Train(NgramFamilyTests.ToyExamples(), TestContext.Current.CancellationToken);
        var v5 = model.Serialize();
        // Version 4 is version 5 without the vote (its last byte, false); version 3 also lacks the like-rates (then its
        // last byte, a field count of 0); version 2 also the word-bounded flag (byte 10, after magic, version, MinN, MaxN,
        // Words and the two "apart" flags); version 1 also the two "apart" flags (bytes 8 and 9).
        byte[] v4 = [.. v5[..4], 4, .. v5[5..^1]];
        byte[] v3 = [.. v4[..4], 3, .. v4[5..^1]];
        byte[] v2 = [.. v3[..4], 2, .. v3[5..10], .. v3[11..]];
        byte[] v1 = [.. v3[..4], 1, .. v3[5..8], .. v3[11..]];
        var inputs = NgramFamilyTests.ToyExamples().Select(e => e.Input).ToArray();

        v5[4].ShouldBe((byte)5);
        v5[^1].ShouldBe((byte)0);
        v4[^1].ShouldBe((byte)0);
        foreach (var old in new[] { v4, v3, v2, v1 })
            family.Deserialize(old).Predict(inputs).Select(p => p.Score).ShouldBe(model.Predict(inputs).Select(p => p.Score));
    }

    private static HashedInput Hashed(uint[] keys) => new(keys, [.. keys.Select(_ => 1f)], [], [], []);

    private static int Column(NgramVectorizer vectorizer, uint key) => Array.BinarySearch(vectorizer.Keys, key);

    private static float[] Idfs(NgramVectorizer vectorizer) => [.. vectorizer.Keys.Select((_, column) => vectorizer.Scales.Idf(column))];

    private static double TitleLength(NgramVectorizer vectorizer, Konomi.TasteModels.Learning.SparseRows rows, int row)
    {
        var squares = 0.0;
        var columns = rows.Columns(row);
        var values = rows.Values(row);
        for (var k = 0; k < columns.Length; k++)
            if (NgramHashing.IsTitle(vectorizer.Keys[columns[k]])) squares += (double)values[k] * values[k];
        return Math.Sqrt(squares);
    }
}

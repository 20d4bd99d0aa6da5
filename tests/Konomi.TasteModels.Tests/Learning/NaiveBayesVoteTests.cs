using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Tests.Learning;

public class NaiveBayesVoteTests
{
    [Fact]
    public void A_key_held_mostly_by_liked_works_votes_for_a_like_and_one_held_by_the_rest_against()
    {
        // Columns: 0 in liked rows only, 1 in the others only, 2 in every row.
        var x = new SparseRows(3);
        bool[] liked = [true, true, true, false, false, false];
        foreach (var like in liked) x.Add(like ? [0, 2] : [1, 2], [1f, 1f]);

        var ratios = NaiveBayesVote.Ratios(x, liked);

        ratios[0].ShouldBeGreaterThan(0);
        ratios[1].ShouldBeLessThan(0);
        ratios[2].ShouldBe(0, 1e-12); // as common among likes as among the rest
    }

    [Fact]
    public void The_vote_counts_keys_only_never_the_measurements_after_them()
    {
        var x = new SparseRows(3) { KeyColumns = 2 };
        bool[] liked = [true, false];
        x.Add([0, 2], [1f, 0.9f]);
        x.Add([1, 2], [1f, 0.1f]);

        NaiveBayesVote.Ratios(x, liked).Length.ShouldBe(2);
        x.Select([1, 0]).KeyColumns.ShouldBe(2);
    }

    [Fact]
    public void The_joined_model_scores_a_row_as_the_standardised_margin_plus_the_weighted_standardised_vote()
    {
        var (x, liked) = SparseProblems.Make(rows: 300, width: 200, seed: 5);
        var regression = LogisticRegression.Fit(x, liked, c: 1, ct: TestContext.Current.CancellationToken);
        var ratios = NaiveBayesVote.Ratios(x, liked);

        var joined = NaiveBayesVote.Join(regression, ratios, x, weight: 0.7);

        var margins = Enumerable.Range(0, x.Count).Select(i => regression.Margin(x, i)).ToArray();
        var votes = Enumerable.Range(0, x.Count).Select(i => x.Presence(i, ratios)).ToArray();
        for (var i = 0; i < x.Count; i++)
            joined.Margin(x, i).ShouldBe(Standardised(margins, i) + 0.7 * Standardised(votes, i), 1e-9);
    }

    [Fact]
    public void A_head_with_the_vote_chooses_its_threshold_on_the_scores_the_served_model_gives()
    {
        var (x, liked) = SparseProblems.Make(rows: 400, width: 300, seed: 9);
        var ct = TestContext.Current.CancellationToken;

        var head = LinearHead.Train(x, liked, [1], new ThresholdRule(), ct, naiveBayesVote: 0.7);
        var plain = LinearHead.Train(x, liked, [1], new ThresholdRule(), ct);

        head.Model.PresenceWeights.ShouldNotBeNull();
        plain.Model.PresenceWeights.ShouldBeNull();
        // The served model is the vote joined to the fit on every row.
        var expected = NaiveBayesVote.Join(LogisticRegression.Fit(x, liked, 1, ct: ct), NaiveBayesVote.Ratios(x, liked), x, 0.7);
        for (var i = 0; i < x.Count; i++) head.Model.Score(x, i).ShouldBe(expected.Score(x, i), 1e-9);
        // C and the threshold are chosen on joined out-of-fold scores too.
        head.OutOfFold!.ShouldNotBe(plain.OutOfFold!);
    }

    private static double Standardised(double[] values, int i)
    {
        var mean = values.Average();
        var spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return (values[i] - mean) / spread;
    }
}

using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Tests.Learning;

public class LogisticRegressionTests
{
    [Fact]
    public void A_pair_failing_the_curvature_check_leaves_a_full_history_as_it_was()
    {
        var history = new CurvaturePairs(memory: 2, width: 2);
        history.TryAdd([1, 0], [2, 0]).ShouldBeTrue();
        history.TryAdd([0, 1], [0, 4]).ShouldBeTrue();
        var before = new double[2];
        history.Direction([1, 1], before);

        history.TryAdd([1, 1], [-1, -1]).ShouldBeFalse();

        var after = new double[2];
        history.Direction([1, 1], after);
        after.ShouldBe(before);
        history.Count.ShouldBe(2);
    }

    [Fact]
    public void Stopping_at_the_iteration_limit_is_reported_and_a_full_fit_converges()
    {
        var rows = new SparseRows(2);
        bool[] liked = [true, true, false, false, true, false];
        for (var i = 0; i < liked.Length; i++) rows.Add([0, 1], [liked[i] ? 1f : 0.2f, i % 2 == 0 ? 1f : 0.5f]);

        LogisticRegression.Fit(rows, liked, c: 100, maxIterations: 1, ct: TestContext.Current.CancellationToken).Converged.ShouldBeFalse();
        LogisticRegression.Fit(rows, liked, c: 100, ct: TestContext.Current.CancellationToken).Converged.ShouldBeTrue();
    }

    [Fact]
    public void A_looser_decrease_rule_ends_the_fit_sooner_and_ranks_the_rows_the_same()
    {
        // As n-grams of short titles: a few common columns in most rows, a long tail of rare ones, overlapping (each
        // row also holds its columns' neighbours), labels from a noisy rule. Such fits spend a long flat end in the decrease.
        var random = new Random(5);
        const int width = 5000;
        var x = new SparseRows(width);
        var liked = new bool[1500];
        for (var i = 0; i < liked.Length; i++)
        {
            var picked = Enumerable.Range(0, 20).Select(_ => random.Next(1 + random.Next(width - 1))).SelectMany(j => new[] { j, j + 1 }).Distinct().Order().ToArray();
            x.Add(picked, [.. picked.Select(_ => 1f / MathF.Sqrt(picked.Length))]);
            liked[i] = picked.Count(j => j % 7 == 0) + random.NextDouble() * 2 > 3;
        }
        var ct = TestContext.Current.CancellationToken;
        const double c = 10;
        // The lowest iteration limit at which a fit under the rule ends by itself (the same path up to any limit).
        int Iterations(double rule)
        {
            var (low, high) = (1, LogisticRegression.MaxIterations);
            while (low < high)
            {
                var limit = (low + high) / 2;
                if (LogisticRegression.Fit(x, liked, c, ct: ct, maxIterations: limit, relativeDecrease: rule).Converged) high = limit;
                else low = limit + 1;
            }
            return low;
        }

        var strict = LogisticRegression.Fit(x, liked, c, ct: ct);
        var loose = LogisticRegression.Fit(x, liked, c, ct: ct, relativeDecrease: 1e-6);

        Iterations(1e-6).ShouldBeLessThan(Iterations(LogisticRegression.DefaultRelativeDecrease) * 3 / 4);
        double[] Scores(LinearModel model) => [.. Enumerable.Range(0, x.Count).Select(i => model.Score(x, i))];
        Evaluation.Ranking.AveragePrecision(Scores(loose), liked).ShouldBe(Evaluation.Ranking.AveragePrecision(Scores(strict), liked), 1e-3);
    }

    // Enough non-zeros that the margins and the gradient run in parts on the thread pool.
    [Fact]
    public void A_large_fit_stops_where_the_plainly_computed_gradient_vanishes()
    {
        var (x, liked) = SparseProblems.Make(rows: 4000, width: 3000, seed: 17, perRow: 40);
        const double c = 10;

        var model = LogisticRegression.Fit(x, liked, c, ct: TestContext.Current.CancellationToken);

        model.Converged.ShouldBeTrue();
        // 0.5·‖w‖² + C·Σ sᵢ·log-loss: its gradient summed row by row, the textbook way.
        var positives = liked.Count(l => l);
        var gradient = (double[])model.Weights.Clone();
        var (bias, residuals) = (0.0, 0.0);
        for (var i = 0; i < x.Count; i++)
        {
            var weight = c * x.Count / (2.0 * (liked[i] ? positives : x.Count - positives));
            var residual = weight * (model.Score(x, i) - (liked[i] ? 1 : 0));
            bias += residual;
            residuals += Math.Abs(residual);
            var columns = x.Columns(i);
            var values = x.Values(i);
            for (var k = 0; k < columns.Length; k++) gradient[columns[k]] += residual * values[k];
        }
        gradient.Max(Math.Abs).ShouldBeLessThan(1e-3 * c);
        // The bias may stop on the objective's relative change: its residuals cancel to a small share of their sum.
        Math.Abs(bias).ShouldBeLessThan(1e-3 * residuals);
    }

    [Fact]
    public void The_same_labels_give_the_same_weights_bit_for_bit_however_the_parts_are_scheduled()
    {
        var (x, liked) = SparseProblems.Make(rows: 4000, width: 3000, seed: 19, perRow: 40);
        var ct = TestContext.Current.CancellationToken;

        var first = LogisticRegression.Fit(x, liked, c: 1, ct: ct);
        var second = LogisticRegression.Fit(x, liked, c: 1, ct: ct);

        second.Weights.ShouldBe(first.Weights);
        second.Bias.ShouldBe(first.Bias);
    }
}

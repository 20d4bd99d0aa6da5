using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Tests.Learning;

/// <summary>
/// Each inner fold walks the C grid warm-started from the previous C. The objective is strictly convex,
/// so a warm start may change the path but must reach the optimum a cold start reaches.
/// </summary>
public class WarmStartTests
{
    [Fact]
    public void A_fit_warm_started_from_a_smaller_C_reaches_the_cold_start_optimum()
    {
        var (x, liked) = SparseProblems.Make(rows: 600, width: 400, seed: 7);
        var ct = TestContext.Current.CancellationToken;

        var cold = LogisticRegression.Fit(x, liked, c: 10, ct: ct);
        var warm = LogisticRegression.Fit(x, liked, c: 10, LogisticRegression.Fit(x, liked, c: 1, ct: ct), ct);

        cold.Converged.ShouldBeTrue();
        warm.Converged.ShouldBeTrue();
        for (var i = 0; i < x.Count; i++) warm.Score(x, i).ShouldBe(cold.Score(x, i), 1e-3);
    }

    [Fact]
    public void The_head_serves_the_fit_on_every_row_at_the_C_its_inner_folds_chose()
    {
        var (x, liked) = SparseProblems.Make(rows: 600, width: 400, seed: 11);
        var ct = TestContext.Current.CancellationToken;

        var head = LinearHead.Train(x, liked, [0.1, 1, 10], new ThresholdRule(), ct);
        var cold = LogisticRegression.Fit(x, liked, head.C, ct: ct);

        for (var i = 0; i < x.Count; i++) head.Model.Score(x, i).ShouldBe(cold.Score(x, i), 1e-3);
    }
}

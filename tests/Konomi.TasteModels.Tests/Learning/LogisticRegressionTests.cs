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
}

namespace Konomi.TasteModels.Learning;

/// <summary>
/// L2-regularised logistic regression with balanced class weights, minimised by L-BFGS:
/// 0.5·‖w‖² + C·Σ sᵢ·log-loss(xᵢ·w + b), the bias unregularised (scikit-learn's formulation).
/// Free of randomness and of summation orders that depend on threads, so the same data always gives the same weights:
/// the sparse passes split rows (margins) or columns (gradient) across cores, each element written by one thread.
/// </summary>
public static class LogisticRegression
{
    private const int Memory = 10;
    internal const int MaxIterations = 400;

    /// <summary>
    /// A fit ends when one step lowers the objective by at most this share of it: scipy's L-BFGS-B default
    /// (factr = 1e7 × machine epsilon), which scikit-learn's lbfgs uses. It, not the gradient tolerance, ends most fits.
    /// </summary>
    public const double DefaultRelativeDecrease = 2.2e-9;

    /// <summary>The fitted model; <see cref="LinearModel.Converged"/> is false when it stopped at <paramref name="maxIterations"/>.</summary>
    public static LinearModel Fit(SparseRows x, IReadOnlyList<bool> liked, double c, LinearModel? start = null, CancellationToken ct = default, int maxIterations = MaxIterations, double relativeDecrease = DefaultRelativeDecrease)
    {
        using var activity = TrainingTelemetry.Start("lbfgs.fit")?.SetTag(TrainingTelemetry.CTag, c);
        var n = x.Count;
        var d = x.Width;
        var positives = liked.Count(l => l);
        if (positives == 0 || positives == n)
            throw new ArgumentException("Training needs both liked and not-liked examples.", nameof(liked));

        // Balanced weights: each class carries half of the total loss, as class_weight='balanced' does.
        var weightOf = new[] { n / (2.0 * (n - positives)), n / (2.0 * positives) };
        var scale = new double[n];
        var target = new double[n];
        for (var i = 0; i < n; i++)
        {
            target[i] = liked[i] ? 1 : 0;
            scale[i] = c * weightOf[liked[i] ? 1 : 0];
        }

        var columns = x.Transpose();
        var theta = new double[d + 1];
        if (start is not null && start.Weights.Length == d)
        {
            start.Weights.CopyTo(theta, 0);
            theta[d] = start.Bias;
        }

        var z = new double[n];
        Margins(x, theta, z);
        var gradient = new double[d + 1];
        var residual = new double[n];
        var f = Objective(theta, z, scale, target, d);
        Gradient(columns, theta, z, scale, target, residual, gradient);

        var history = new CurvaturePairs(Memory, d + 1);
        var direction = new double[d + 1];
        var zDirection = new double[n];
        var newGradient = new double[d + 1];
        var stepTaken = new double[d + 1];
        var change = new double[d + 1];

        // scikit-learn's lbfgs stops at a max-abs gradient of 1e-4 on an objective C times smaller than ours.
        var tolerance = 1e-4 * c;
        var converged = false;
        var iteration = 0;
        for (; ; iteration++)
        {
            if (MaxAbs(gradient) <= tolerance) { converged = true; break; }
            if (iteration == maxIterations) break;
            ct.ThrowIfCancellationRequested();
            history.Direction(gradient, direction);
            var slope = Dot(gradient, direction);
            if (slope >= 0)
            {
                for (var j = 0; j <= d; j++) direction[j] = -gradient[j];
                slope = Dot(gradient, direction);
                history.Clear();
            }

            Margins(x, direction, zDirection);
            // The penalty along the step is a quadratic in it: three dots over the weights (the bias is not penalised).
            var w = theta.AsSpan(0, d);
            var p = direction.AsSpan(0, d);
            var wDotP = Dot(w, p);
            var pDotP = Dot(p, p);
            var wDotW = Dot(w, w);

            var step = history.Count == 0 ? Math.Min(1, 1 / Math.Sqrt(Dot(gradient, gradient))) : 1.0;
            double next;
            var halvings = 0;
            while (true)
            {
                next = 0.5 * (wDotW + 2 * step * wDotP + step * step * pDotP);
                for (var i = 0; i < n; i++) next += scale[i] * LogLoss(z[i] + step * zDirection[i], target[i]);
                if (next <= f + 1e-4 * step * slope || ++halvings > 40) break;
                step *= 0.5;
            }
            // No decrease along a descent direction: as far as floating point goes, this is the minimum.
            if (halvings > 40) { converged = true; break; }

            for (var j = 0; j <= d; j++)
            {
                stepTaken[j] = step * direction[j];
                theta[j] += stepTaken[j];
            }
            for (var i = 0; i < n; i++) z[i] += step * zDirection[i];
            Gradient(columns, theta, z, scale, target, residual, newGradient);

            for (var j = 0; j <= d; j++) change[j] = newGradient[j] - gradient[j];
            history.TryAdd(stepTaken, change);

            (gradient, newGradient) = (newGradient, gradient);
            var stalled = (f - next) <= relativeDecrease * Math.Max(1, Math.Abs(f));
            f = next;
            if (stalled) { converged = true; break; }
        }

        activity?.SetTag(TrainingTelemetry.IterationsTag, iteration);
        return new LinearModel(theta[..d], theta[d]) { Converged = converged };
    }

    private static void Margins(SparseRows x, double[] theta, double[] z)
    {
        var d = x.Width;
        InParts(x.Count, x.NonZeros, (from, to) =>
        {
            for (var i = from; i < to; i++) z[i] = x.Dot(i, theta) + theta[d];
        });
    }

    private static double Objective(double[] theta, double[] z, double[] scale, double[] target, int d)
    {
        var f = 0.0;
        for (var j = 0; j < d; j++) f += 0.5 * theta[j] * theta[j];
        for (var i = 0; i < z.Length; i++) f += scale[i] * LogLoss(z[i], target[i]);
        return f;
    }

    /// <summary>w + Xᵀr and the bias Σr, by columns of <paramref name="columns"/> (Xᵀ): each entry is a gather from r.</summary>
    private static void Gradient(SparseRows columns, double[] theta, double[] z, double[] scale, double[] target, double[] residual, double[] gradient)
    {
        var bias = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            residual[i] = scale[i] * (LinearModel.Sigmoid(z[i]) - target[i]);
            bias += residual[i];
        }
        InParts(columns.Count, columns.NonZeros, (from, to) =>
        {
            for (var j = from; j < to; j++) gradient[j] = theta[j] + columns.Dot(j, residual);
        });
        gradient[columns.Count] = bias;
    }

    // Big passes go to the thread pool in a fixed number of parts; each part owns its output elements, so the
    // result is the same however the parts are scheduled (or whether they run in parallel at all).
    private const int Parts = 4;
    private const int ParallelNonZeros = 100_000;

    private static void InParts(int count, int nonZeros, Action<int, int> pass)
    {
        if (nonZeros < ParallelNonZeros) { pass(0, count); return; }
        Parallel.For(0, Parts, part => pass(count * part / Parts, count * (part + 1) / Parts));
    }

    private static double LogLoss(double z, double target) =>
        (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - target * z;

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => DenseVectors.Dot(a, b);

    private static double MaxAbs(double[] v)
    {
        var max = 0.0;
        foreach (var value in v) max = Math.Max(max, Math.Abs(value));
        return max;
    }
}

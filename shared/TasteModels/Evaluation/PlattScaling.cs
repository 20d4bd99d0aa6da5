using Konomi.Contracts;

namespace Konomi.TasteModels.Evaluation;

/// <summary>
/// Platt scaling: a logistic curve over the logit of a model's out-of-fold scores, fitted by Newton's method with a
/// backtracking line search and Platt's smoothed targets (Lin, Lin and Weng 2007), so a calibrated 0.8 means "liked
/// 8 times in 10".
/// </summary>
public static class PlattScaling
{
    /// <summary>The flattest curve kept: scores that carry no evidence show about the liked share, still in the model's order.</summary>
    const double MinSlope = 1e-3;

    public static ScoreCalibration Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> liked)
    {
        var positives = liked.Count(l => l);
        var negatives = liked.Count - positives;
        if (positives == 0 || negatives == 0) return ScoreCalibration.Identity;
        // Smoothed targets keep a perfectly separated training set from driving the slope to infinity.
        double hi = (positives + 1.0) / (positives + 2.0), lo = 1.0 / (negatives + 2.0);
        var x = scores.Select(ScoreCalibration.Logit).ToArray();
        var t = liked.Select(l => l ? hi : lo).ToArray();
        double a = 1, b = 0, loss = Loss(x, t, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-9, h22 = 1e-9, h21 = 0;
            for (var i = 0; i < x.Length; i++)
            {
                var p = ScoreCalibration.Sigmoid(a * x[i] + b);
                var d = p - t[i];
                var w = Math.Max(p * (1 - p), 1e-12);
                g1 += d * x[i]; g2 += d;
                h11 += w * x[i] * x[i]; h22 += w; h21 += w * x[i];
            }
            var det = h11 * h22 - h21 * h21;
            if (Math.Abs(det) < 1e-15) break;
            var da = (h22 * g1 - h21 * g2) / det;
            var db = (h11 * g2 - h21 * g1) / det;
            // A full Newton step from a saturated curve (scores at the ends of the scale, a Hessian near 0) lands
            // anywhere, 3e9 once: halve it until the loss falls enough (Armijo), as Lin, Lin and Weng do.
            var decrease = g1 * da + g2 * db;
            var step = 1.0;
            while (step >= 1e-10 && Loss(x, t, a - step * da, b - step * db) > loss - 1e-4 * step * decrease) step /= 2;
            if (step < 1e-10) break;
            (a, b) = (a - step * da, b - step * db);
            loss = Loss(x, t, a, b);
            if (step * (Math.Abs(da) + Math.Abs(db)) < 1e-10) break;
        }
        // A falling curve would invert the model's ranking: that only happens on noise, where the evidence is the
        // liked share, so keep the ranking on the flattest curve through it.
        if (!double.IsFinite(a) || !double.IsFinite(b)) return ScoreCalibration.Identity;
        return a >= MinSlope ? new ScoreCalibration(a, b) : new ScoreCalibration(MinSlope, ScoreCalibration.Logit(t.Average()) - MinSlope * x.Average());
    }

    /// <summary>Cross-entropy of the smoothed targets under sigmoid(a·x + b), computed without overflow.</summary>
    static double Loss(double[] x, double[] t, double a, double b)
    {
        var loss = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var f = a * x[i] + b;
            loss += f >= 0 ? (1 - t[i]) * f + Math.Log(1 + Math.Exp(-f)) : -t[i] * f + Math.Log(1 + Math.Exp(f));
        }
        return loss;
    }
}

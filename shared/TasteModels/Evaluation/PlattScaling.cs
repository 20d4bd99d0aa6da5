using Konomi.Contracts;

namespace Konomi.TasteModels.Evaluation;

/// <summary>
/// Platt scaling: a logistic curve over the logit of a model's out-of-fold scores, fitted by Newton's method
/// with Platt's smoothed targets (Lin, Lin and Weng 2007), so a calibrated 0.8 means "liked 8 times in 10".
/// </summary>
public static class PlattScaling
{
    public static ScoreCalibration Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> liked)
    {
        var positives = liked.Count(l => l);
        var negatives = liked.Count - positives;
        if (positives == 0 || negatives == 0) return ScoreCalibration.Identity;
        // Smoothed targets keep a perfectly separated training set from driving the slope to infinity.
        double hi = (positives + 1.0) / (positives + 2.0), lo = 1.0 / (negatives + 2.0);
        var x = scores.Select(ScoreCalibration.Logit).ToArray();
        var t = liked.Select(l => l ? hi : lo).ToArray();
        double a = 1, b = 0;
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
            a -= da; b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10) break;
        }
        // A falling curve would invert the model's ranking: that only happens on noise, so keep the ranking.
        return double.IsFinite(a) && double.IsFinite(b) && a > 0 ? new ScoreCalibration(a, b) : ScoreCalibration.Identity;
    }
}

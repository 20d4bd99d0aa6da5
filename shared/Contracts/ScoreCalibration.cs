namespace Konomi.Contracts;

/// <summary>
/// Turns a model's raw score into a probability: sigmoid(Slope × logit(score) + Intercept), fitted on the
/// model's out-of-fold scores of its own training labels (Platt scaling). Monotone, so rankings never change.
/// </summary>
public sealed record ScoreCalibration(double Slope, double Intercept)
{
    public static readonly ScoreCalibration Identity = new(1, 0);

    public double Apply(double score) => Sigmoid(Slope * Logit(score) + Intercept);

    public static double Logit(double p)
    {
        var clamped = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(clamped / (1 - clamped));
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}

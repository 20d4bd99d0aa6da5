namespace Konomi.TasteModels.Learning;

/// <summary>Weights and bias of a trained logistic regression; the score is sigmoid(w·x + b).</summary>
public sealed record LinearModel(double[] Weights, double Bias)
{
    /// <summary>False when the solver stopped at its iteration limit before the gradient was small.</summary>
    public bool Converged { get; init; } = true;

    public double Score(SparseRows rows, int row) => Sigmoid(rows.Dot(row, Weights) + Bias);

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}

namespace Konomi.TasteModels.Learning;

/// <summary>
/// Weights and bias of a trained logistic regression; the score is sigmoid(w·x + b), plus the sum of
/// <see cref="PresenceWeights"/> over the key columns a row holds when a Naive-Bayes vote was joined to it.
/// </summary>
public sealed record LinearModel(double[] Weights, double Bias)
{
    /// <summary>False when the solver stopped at its iteration limit before the gradient was small.</summary>
    public bool Converged { get; init; } = true;

    /// <summary>What each key column adds by being in a row (<see cref="NaiveBayesVote"/>); null for a plain regression.</summary>
    public double[]? PresenceWeights { get; init; }

    public double Score(SparseRows rows, int row) => Sigmoid(Margin(rows, row));

    public double Margin(SparseRows rows, int row) =>
        rows.Dot(row, Weights) + Bias + (PresenceWeights is null ? 0 : rows.Presence(row, PresenceWeights));

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}

namespace Konomi.TasteModels.Evaluation;

public sealed record ConfusionMatrix(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public static ConfusionMatrix operator +(ConfusionMatrix a, ConfusionMatrix b) => new(
        a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives,
        a.TrueNegatives + b.TrueNegatives, a.FalseNegatives + b.FalseNegatives);
}

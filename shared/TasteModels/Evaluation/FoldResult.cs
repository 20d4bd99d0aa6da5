using System.Text.Json.Serialization;

namespace Konomi.TasteModels.Evaluation;

/// <summary>One fold: trained on the other folds, measured on this one.</summary>
public sealed record FoldResult(int Fold, int TrainExamples, int TestExamples, ClassificationMetrics Metrics, double TrainSeconds, double ScoreSeconds)
{
    /// <summary>This fold's test examples as its model scored them: out-of-fold scores with their labels.</summary>
    /// <remarks>Not serialized: a tuple prints as <c>{}</c> (its fields are no properties), a row of empty objects per example.</remarks>
    [JsonIgnore]
    public IReadOnlyList<(double Score, bool Liked)> Scored { get; init; } = [];
}

using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Trainer;

/// <summary>What one training produced and what became of it, for a person to read.</summary>
public sealed record ModelCard(
    string UserId,
    string Family,
    int Examples,
    int Positives,
    int MissingWorks,
    TrainingDecision Decision,
    string Reason,
    int? Version = null,
    ModelMetrics? Metrics = null,
    ConfusionMatrix? Confusion = null,
    IReadOnlyList<ScoreReason>? TopFeatures = null,
    string? Composition = null);

using Konomi.Contracts;

namespace Konomi.TasteModels;

/// <summary>A probability-like score in 0..1 and the reasons that pushed it most.</summary>
public sealed record Prediction(double Score, IReadOnlyList<ScoreReason> Reasons);

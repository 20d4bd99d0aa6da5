using Konomi.Contracts;

namespace Konomi.Inference;

/// <summary>One recommended work: how it scores now, and the liked work nearest to it (when one is near).</summary>
public sealed record Recommendation(Work Work, WorkScored Score, ScoreReason? Similar);

namespace Konomi.Contracts;

/// <summary>
/// Why a score came out as it did: <paramref name="Source"/> is what produced it (model, preference,
/// similar, popularity), <paramref name="Text"/> what a person reads ("voice actor: X"),
/// <paramref name="Weight"/> its signed contribution.
/// </summary>
public sealed record ScoreReason(string Source, string Text, double Weight);

using Konomi.Contracts;

namespace Konomi.Labelling;

/// <summary>A score with its verdict and reasons; <paramref name="Source"/> names what produced it (a model family, preferences, popularity, none).</summary>
public sealed record PreferenceVerdict(double Score, double Threshold, bool? Liked, string Source, IReadOnlyList<ScoreReason> Reasons);

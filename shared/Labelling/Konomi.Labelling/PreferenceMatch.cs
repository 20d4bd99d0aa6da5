using Konomi.Contracts;

namespace Konomi.Labelling;

/// <summary>One preference a work meets, e.g. liked "voice actor: 春野ひより" or blocked "genre: ホラー".</summary>
public sealed record PreferenceMatch(string Field, string Value, bool Blocked)
{
    public ScoreReason ToReason() => Blocked
        ? new ScoreReason(PreferenceScorer.Source, $"blocked {Field}: {Value}", -1)
        : new ScoreReason(PreferenceScorer.Source, $"{Field}: {Value}", 1);
}

using Konomi.TasteModels.Input;

namespace Konomi.Labelling;

public static class PreferenceKinds
{
    public static readonly PreferenceKind Circle = new("circle", FacetFields.Circle, w => [w.Circle],
        p => p.LikedCircles, p => p.BlockedCircles, (p, v) => p with { LikedCircles = v }, (p, v) => p with { BlockedCircles = v });

    public static readonly PreferenceKind VoiceActor = new("voice-actor", FacetFields.VoiceActor, w => w.VoiceActors,
        p => p.LikedVoiceActors, p => p.BlockedVoiceActors, (p, v) => p with { LikedVoiceActors = v }, (p, v) => p with { BlockedVoiceActors = v });

    public static readonly PreferenceKind Genre = new("genre", FacetFields.Genre, w => w.Genres,
        p => p.LikedGenres, p => p.BlockedGenres, (p, v) => p with { LikedGenres = v }, (p, v) => p with { BlockedGenres = v });

    /// <summary>Matched anywhere in the title, genres or description.</summary>
    public static readonly PreferenceKind Keyword = new("keyword", "keyword", w => [w.Title, .. w.Genres, w.Description],
        p => p.LikedKeywords, p => p.BlockedKeywords, (p, v) => p with { LikedKeywords = v }, (p, v) => p with { BlockedKeywords = v });

    public static readonly IReadOnlyList<PreferenceKind> All = [Circle, VoiceActor, Genre, Keyword];
}

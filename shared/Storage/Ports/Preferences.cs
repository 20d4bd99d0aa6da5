namespace Konomi.Storage.Ports;

/// <summary>Explicit likes and blocks; a block always wins over any score.</summary>
public sealed record Preferences
{
    public IReadOnlyList<string> LikedCircles { get; init; } = [];
    public IReadOnlyList<string> LikedVoiceActors { get; init; } = [];
    public IReadOnlyList<string> LikedGenres { get; init; } = [];
    public IReadOnlyList<string> LikedKeywords { get; init; } = [];
    public IReadOnlyList<string> BlockedCircles { get; init; } = [];
    public IReadOnlyList<string> BlockedVoiceActors { get; init; } = [];
    public IReadOnlyList<string> BlockedGenres { get; init; } = [];
    public IReadOnlyList<string> BlockedKeywords { get; init; } = [];
}

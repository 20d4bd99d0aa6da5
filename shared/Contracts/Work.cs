namespace Konomi.Contracts;

/// <summary>A DLsite work as Konomi knows it. Creator lists hold one name per entry.</summary>
public sealed record Work
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Circle { get; init; } = "";
    public string? Series { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> ScenarioWriters { get; init; } = [];
    public IReadOnlyList<string> Illustrators { get; init; } = [];
    public IReadOnlyList<string> VoiceActors { get; init; } = [];
    public IReadOnlyList<string> Genres { get; init; } = [];
    public string Description { get; init; } = "";
    public DateOnly? ReleaseDate { get; init; }
    public AgeCategory AgeCategory { get; init; } = AgeCategory.Adult;
    /// <summary>DLsite's work type code, e.g. SOU for voice/ASMR.</summary>
    public string WorkType { get; init; } = "";
    public int? PriceYen { get; init; }
    public required string Url { get; init; }
    public string? ThumbnailUrl { get; init; }
    /// <summary>DLsite's public counts when known; the popularity prior for users with nothing else.</summary>
    public Popularity? Popularity { get; init; }
}

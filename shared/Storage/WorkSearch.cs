using Konomi.Contracts;

namespace Konomi.Storage;

/// <summary>The text a work list filter matches: title, circle, series, creators and genres, lower-cased.</summary>
public static class WorkSearch
{
    public static string Text(Work work) => string.Join('\n',
        new[] { work.Title, work.Circle, work.Series ?? "" }
            .Concat(work.Authors).Concat(work.ScenarioWriters).Concat(work.Illustrators)
            .Concat(work.VoiceActors).Concat(work.Genres))
        .ToLowerInvariant();

    public static string Normalize(string text) => text.Trim().ToLowerInvariant();
}

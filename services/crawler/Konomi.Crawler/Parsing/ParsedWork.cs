using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// A work read from a work page or product.json; <paramref name="ExpectedRelease"/> is an announce page's vague date ("2020年05月下旬");
/// <paramref name="IsTranslation"/> a translated edition of another work (product.json <c>translation_info</c>), <paramref name="OriginalWork"/>
/// that work's id when it names it.
/// </summary>
public sealed record ParsedWork(Work Work, WorkStatus Status, string? ExpectedRelease = null, bool IsTranslation = false, string? OriginalWork = null)
{
    /// <summary>Fields the document shows that did not read (<see cref="UnreadFields"/>), left to the other document or empty.</summary>
    public IReadOnlyList<string> Unread { get; init; } = [];

    /// <summary>The age is the floor's (maniax: adult), read from nothing in the document: the other document's own reading wins.</summary>
    public bool AgeFromFloor { get; init; }
}

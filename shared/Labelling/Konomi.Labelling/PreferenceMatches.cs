using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Input;

namespace Konomi.Labelling;

/// <summary>Which of a user's preferences a work meets. Names compare width-normalised and case-insensitively.</summary>
public static class PreferenceMatches
{
    public static bool IsEmpty(Preferences? p) => p is null || PreferenceKinds.All.All(kind => kind.Liked(p).Count == 0 && kind.Blocked(p).Count == 0);

    public static IReadOnlyList<PreferenceMatch> Find(Work work, Preferences? preferences)
    {
        if (preferences is null) return [];
        var matches = new List<PreferenceMatch>();
        foreach (var kind in PreferenceKinds.All)
        {
            matches.AddRange(kind.Blocked(preferences).Select(v => Match(kind, work, v, blocked: true)).OfType<PreferenceMatch>());
            matches.AddRange(kind.Liked(preferences).Select(v => Match(kind, work, v, blocked: false)).OfType<PreferenceMatch>());
        }
        return matches;
    }

    static PreferenceMatch? Match(PreferenceKind kind, Work work, string value, bool blocked)
    {
        var wanted = DlsiteText.Value(value);
        if (wanted.Length == 0) return null;
        if (kind.Name != PreferenceKinds.Keyword.Name)
            return kind.Values(work).Any(v => Same(v, wanted)) ? new PreferenceMatch(kind.Field, wanted, blocked) : null;
        // A keyword is named by where it was found, so the reason reads "title: 耳かき".
        if (Contains(work.Title, wanted)) return new PreferenceMatch("title", wanted, blocked);
        if (work.Genres.Any(g => Contains(g, wanted))) return new PreferenceMatch(FacetFields.Genre, wanted, blocked);
        return Contains(work.Description, wanted) ? new PreferenceMatch("description", wanted, blocked) : null;
    }

    static bool Same(string raw, string wanted) => string.Equals(DlsiteText.Value(raw), wanted, StringComparison.OrdinalIgnoreCase);

    static bool Contains(string raw, string wanted) => DlsiteText.Value(raw).Contains(wanted, StringComparison.OrdinalIgnoreCase);
}

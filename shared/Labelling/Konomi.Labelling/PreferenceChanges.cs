using Konomi.Storage.Ports;
using Konomi.TasteModels.Input;

namespace Konomi.Labelling;

/// <summary>
/// Edits of a user's preferences. Liking a value unblocks it and blocking unlikes it, so a value is never
/// both; values are stored width-normalised and once.
/// </summary>
public static class PreferenceChanges
{
    public static Preferences Like(Preferences p, PreferenceKind kind, string value) =>
        kind.WithBlocked(kind.WithLiked(p, Add(kind.Liked(p), value)), Remove(kind.Blocked(p), value));

    public static Preferences Block(Preferences p, PreferenceKind kind, string value) =>
        kind.WithLiked(kind.WithBlocked(p, Add(kind.Blocked(p), value)), Remove(kind.Liked(p), value));

    public static Preferences Unlike(Preferences p, PreferenceKind kind, string value) => kind.WithLiked(p, Remove(kind.Liked(p), value));

    public static Preferences Unblock(Preferences p, PreferenceKind kind, string value) => kind.WithBlocked(p, Remove(kind.Blocked(p), value));

    static string[] Add(IReadOnlyList<string> values, string value) =>
        values.Any(v => Same(v, value)) ? [.. values] : [.. values, DlsiteText.Value(value)];

    static string[] Remove(IReadOnlyList<string> values, string value) => [.. values.Where(v => !Same(v, value))];

    static bool Same(string a, string b) => string.Equals(DlsiteText.Value(a), DlsiteText.Value(b), StringComparison.OrdinalIgnoreCase);
}

using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Labelling;

/// <summary>
/// One kind of preference (circle, voice actor, genre, keyword): where a work holds its values and how to
/// read and change the liked and blocked lists of <see cref="Preferences"/>.
/// </summary>
public sealed record PreferenceKind(
    string Name,
    string Field,
    Func<Work, IEnumerable<string>> Values,
    Func<Preferences, IReadOnlyList<string>> Liked,
    Func<Preferences, IReadOnlyList<string>> Blocked,
    Func<Preferences, IReadOnlyList<string>, Preferences> WithLiked,
    Func<Preferences, IReadOnlyList<string>, Preferences> WithBlocked);

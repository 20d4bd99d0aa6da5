using System.Globalization;

namespace Konomi.Contracts;

/// <summary>
/// A work's <paramref name="Field"/> (<c>description</c>, <c>genres[3]</c>) of <paramref name="Length"/> characters, or, for a
/// list, entries, past its cap <paramref name="Max"/>.
/// </summary>
public sealed record Overrun(string Field, int Length, int Max, bool IsList)
{
    public override string ToString() => IsList
        ? string.Create(CultureInfo.InvariantCulture, $"{Field} has {Length:N0} entries: at most {Max:N0}")
        : string.Create(CultureInfo.InvariantCulture, $"{Field} is {Length:N0} characters: at most {Max:N0}");
}

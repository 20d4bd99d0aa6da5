using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Labelling;

/// <summary>Which stored works the annotator asks about: <c>newest</c>, <c>search:&lt;text&gt;</c> or <c>genre:&lt;g&gt;</c>.</summary>
public sealed record WorkPool(string Kind, string Value)
{
    public static WorkPool Parse(string spec) => spec.Split(':', 2) switch
    {
        ["newest"] => new("newest", ""),
        ["search", var text] when text.Trim().Length > 0 => new("search", text.Trim()),
        ["genre", var genre] when genre.Trim().Length > 0 => new("genre", genre.Trim()),
        _ => throw new FormatException($"--pool '{spec}' is not one of newest, search:<text>, genre:<genre>."),
    };

    public async Task<IReadOnlyList<Work>> ListAsync(IWorkStore works, int limit, CancellationToken ct) => Kind switch
    {
        "search" => await works.ListAsync(Value, limit, ct),
        // The store's text filter also matches titles and creators: keep only works carrying the genre.
        "genre" => [.. (await works.ListAsync(Value, int.MaxValue, ct)).Where(w => w.Genres.Contains(Value, StringComparer.OrdinalIgnoreCase)).Take(limit)],
        _ => await works.ListAsync(null, limit, ct),
    };
}

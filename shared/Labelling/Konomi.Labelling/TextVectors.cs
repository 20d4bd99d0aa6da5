namespace Konomi.Labelling;

/// <summary>
/// Character-bigram vectors of texts, unit length, for cheap likeness between works: Japanese has no spaces,
/// and two works that share a circle, voice actor or theme share many bigrams.
/// </summary>
public static class TextVectors
{
    public static Dictionary<string, double> Of(string text)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || char.IsWhiteSpace(text[i + 1])) continue;
            var gram = text.Substring(i, 2);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        var norm = Math.Sqrt(counts.Values.Sum(c => c * c));
        foreach (var key in counts.Keys) counts[key] /= norm;
        return counts;
    }

    public static double Cosine(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        var dot = 0.0;
        foreach (var (gram, weight) in a)
            if (b.TryGetValue(gram, out var other)) dot += weight * other;
        return dot;
    }
}

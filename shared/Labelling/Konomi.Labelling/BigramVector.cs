namespace Konomi.Labelling;

/// <summary>
/// A text's character-bigram vector at unit length, for cheap likeness between works: Japanese has no spaces, and
/// two works that share a circle, voice actor or theme share many bigrams. Held compactly: each bigram (pairs
/// across whitespace skipped) packed into one 32-bit key (two UTF-16 units, so no collisions), keys sorted, weights
/// as float; 8 bytes a bigram, and a cosine is one merge of two arrays.
/// </summary>
public sealed class BigramVector
{
    readonly uint[] _keys;
    readonly float[] _weights;

    BigramVector(uint[] keys, float[] weights) => (_keys, _weights) = (keys, weights);

    /// <summary>Memory its two arrays hold.</summary>
    public long Bytes => _keys.Length * (long)(sizeof(uint) + sizeof(float));

    public static BigramVector Of(string text)
    {
        var keys = new List<uint>(text.Length);
        for (var i = 0; i + 1 < text.Length; i++)
            if (!char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i + 1]))
                keys.Add((uint)text[i] << 16 | text[i + 1]);
        keys.Sort();
        var distinct = new List<uint>(keys.Count);
        var counts = new List<int>(keys.Count);
        foreach (var key in keys)
        {
            if (distinct.Count > 0 && distinct[^1] == key) counts[^1]++;
            else { distinct.Add(key); counts.Add(1); }
        }
        var norm = Math.Sqrt(counts.Sum(c => (double)c * c));
        return new BigramVector([.. distinct], [.. counts.Select(c => (float)(c / norm))]);
    }

    /// <remarks>
    /// Branch-free steps: which side advances depends on keys a processor cannot predict, and a liked verdict costs one
    /// cosine per liked work of the user (docs/scale.md).
    /// </remarks>
    public double Cosine(BigramVector other)
    {
        var (keys, otherKeys, weights, otherWeights) = (_keys, other._keys, _weights, other._weights);
        var dot = 0.0;
        for (int i = 0, j = 0; i < keys.Length && j < otherKeys.Length;)
        {
            var (key, otherKey) = (keys[i], otherKeys[j]);
            dot += (double)weights[i] * otherWeights[j] * (key == otherKey ? 1.0 : 0.0);
            i += key <= otherKey ? 1 : 0;
            j += key >= otherKey ? 1 : 0;
        }
        return dot;
    }
}

using System.Runtime.InteropServices;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// Each column's idf and, when the model has a Naive-Bayes vote, its presence weight, stored once per distinct pair.
/// Both follow from the key's document frequencies among the training labels alone (liked and other), so a model of a
/// few hundred labels has tens of thousands of keys but a few thousand distinct pairs: a two-byte index per key replaces
/// two floats, a third of a loaded model (docs/scale.md). The pairs are compared bit for bit, so every score is the
/// same to the last bit. Columns with more distinct pairs than an index counts keep one pair per column.
/// </summary>
internal sealed class ColumnScales
{
    readonly ushort[]? _pairOf;
    readonly float[] _idf;
    readonly float[] _presence;

    ColumnScales(ushort[]? pairOf, float[] idf, float[] presence, int count) =>
        (_pairOf, _idf, _presence, Count) = (pairOf, idf, presence, count);

    /// <summary>Columns described.</summary>
    public int Count { get; }

    public bool HasPresence => _presence.Length > 0;

    /// <summary>Distinct (idf, presence) pairs held: <see cref="Count"/> when the columns keep one each.</summary>
    public int Pairs => _idf.Length;

    /// <summary>
    /// One pair per column, <paramref name="idf"/> kept, not copied: a vectorizer fitted for training lives for one fit,
    /// and only a model that is kept (<see cref="WithPresence"/>, or loaded) is worth sharing its pairs.
    /// </summary>
    public static ColumnScales PerColumn(float[] idf) => new(null, idf, [], idf.Length);

    /// <param name="presence">Empty without a vote; else one per column, like <paramref name="idf"/>.</param>
    public static ColumnScales Of(ReadOnlySpan<float> idf, ReadOnlySpan<float> presence)
    {
        if (!presence.IsEmpty && presence.Length != idf.Length)
            throw new ArgumentException("A presence weight is needed for every column.", nameof(presence));
        var pairs = new Dictionary<(int Idf, int Presence), ushort>();
        var pairOf = new ushort[idf.Length];
        for (var column = 0; column < idf.Length; column++)
        {
            var pair = (BitConverter.SingleToInt32Bits(idf[column]), presence.IsEmpty ? 0 : BitConverter.SingleToInt32Bits(presence[column]));
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(pairs, pair, out var seen);
            if (!seen)
            {
                if (pairs.Count > ushort.MaxValue + 1) return new ColumnScales(null, idf.ToArray(), presence.ToArray(), idf.Length);
                index = (ushort)(pairs.Count - 1);
            }
            pairOf[column] = index;
        }
        var (pairIdf, pairPresence) = (new float[pairs.Count], new float[presence.IsEmpty ? 0 : pairs.Count]);
        foreach (var ((idfBits, presenceBits), index) in pairs)
        {
            pairIdf[index] = BitConverter.Int32BitsToSingle(idfBits);
            if (pairPresence.Length > 0) pairPresence[index] = BitConverter.Int32BitsToSingle(presenceBits);
        }
        return new ColumnScales(pairOf, pairIdf, pairPresence, idf.Length);
    }

    public float Idf(int column) => _idf[_pairOf is null ? column : _pairOf[column]];

    /// <summary>What the column's key adds by being in a work (the vote); 0 without one.</summary>
    public float Presence(int column) => _presence.Length == 0 ? 0 : _presence[_pairOf is null ? column : _pairOf[column]];

    /// <summary>The same columns with a presence weight each (<paramref name="presence"/> empty: none), pairs shared.</summary>
    public ColumnScales WithPresence(ReadOnlySpan<float> presence)
    {
        // A training fit's scales (PerColumn) already hold one idf per column: read in place, no copy to gather.
        if (_pairOf is null) return Of(_idf, presence);
        var idf = new float[Count];
        for (var column = 0; column < Count; column++) idf[column] = Idf(column);
        return Of(idf, presence);
    }
}

using System.Runtime.InteropServices;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// TF-IDF over hashed features: sublinear tf (1 + ln tf), smoothed idf (ln((1+n)/(1+df)) + 1), text part
/// and facet part each L2-normalised, the facet part scaled by <see cref="FacetWeight"/>. Only keys seen in
/// training get a column, so the model stores what it learned and nothing more.
/// </summary>
internal sealed class NgramVectorizer
{
    private readonly ColumnTable _columns;

    public NgramVectorizer(int minN, int maxN, bool words, double facetWeight, uint[] keys, float[] idf)
    {
        (MinN, MaxN, Words, FacetWeight, Keys, Idf) = (minN, maxN, words, facetWeight, keys, idf);
        _columns = new ColumnTable(keys);
    }

    public int MinN { get; }
    public int MaxN { get; }
    public bool Words { get; }
    public double FacetWeight { get; }
    public uint[] Keys { get; }
    public float[] Idf { get; }

    /// <summary>Document frequencies and idf from the given rows only: an inner fold never sees its held-out rows.</summary>
    public static NgramVectorizer Fit(IReadOnlyList<HashedInput> inputs, IReadOnlyList<int> rows, NgramOptions options)
    {
        var documentFrequency = new Dictionary<uint, int>();
        foreach (var row in rows)
        {
            CountDistinct(inputs[row].Text, documentFrequency);
            CountDistinct(inputs[row].Facets, documentFrequency);
        }
        var kept = new List<uint>(documentFrequency.Count);
        foreach (var (key, frequency) in documentFrequency)
            if (frequency >= options.MinDocuments) kept.Add(key);
        var sorted = kept.ToArray();
        Array.Sort(sorted);
        var idf = new float[sorted.Length];
        for (var j = 0; j < sorted.Length; j++)
            idf[j] = (float)(Math.Log((1.0 + rows.Count) / (1.0 + documentFrequency[sorted[j]])) + 1);
        return new NgramVectorizer(options.MinN, options.MaxN, options.Words, options.FacetWeight, sorted, idf);
    }

    public SparseRows Transform(IReadOnlyList<HashedInput> inputs, IReadOnlyList<int> rows)
    {
        var result = new SparseRows(Keys.Length);
        var columns = new List<int>();
        var values = new List<float>();
        foreach (var row in rows)
        {
            columns.Clear();
            values.Clear();
            AddBlock(inputs[row].Text, columns, values, sublinear: true, length: 1.0);
            AddBlock(inputs[row].Facets, columns, values, sublinear: false, length: FacetWeight);
            result.Add(CollectionsMarshal.AsSpan(columns), CollectionsMarshal.AsSpan(values));
        }
        return result;
    }

    /// <summary>
    /// One block of an input's TF-IDF vector, each key's value times its weight, L2-normalised to
    /// <paramref name="length"/>: written to <paramref name="contributions"/> (NaN for a key without a column)
    /// and summed. <paramref name="tf"/> null means every key counts once (facets).
    /// </summary>
    public double Contributions(uint[] distinctKeys, float[]? tf, double length, float[] weights, Span<float> contributions)
    {
        double dot = 0, squares = 0;
        for (var d = 0; d < distinctKeys.Length; d++)
        {
            if (!_columns.TryGet(distinctKeys[d], out var column))
            {
                contributions[d] = float.NaN;
                continue;
            }
            var value = (tf is null ? 1f : tf[d]) * Idf[column];
            squares += (double)value * value;
            var contribution = weights[column] * value;
            contributions[d] = contribution;
            dot += contribution;
        }
        if (squares == 0) return 0;
        var factor = length / Math.Sqrt(squares);
        for (var d = 0; d < contributions.Length; d++) contributions[d] = (float)(contributions[d] * factor);
        return dot * factor;
    }

    private void AddBlock(ReadOnlySpan<uint> sortedKeys, List<int> columns, List<float> values, bool sublinear, double length)
    {
        var from = columns.Count;
        var squares = 0.0;
        for (var k = 0; k < sortedKeys.Length;)
        {
            var key = sortedKeys[k];
            var tf = 0;
            for (; k < sortedKeys.Length && sortedKeys[k] == key; k++) tf++;
            if (!_columns.TryGet(key, out var column)) continue;
            var value = (sublinear ? 1 + Math.Log(tf) : 1) * Idf[column];
            columns.Add(column);
            values.Add((float)value);
            squares += value * value;
        }
        if (squares == 0) return;
        var factor = (float)(length / Math.Sqrt(squares));
        for (var k = from; k < values.Count; k++) values[k] *= factor;
    }

    private static void CountDistinct(uint[] sortedKeys, Dictionary<uint, int> documentFrequency)
    {
        for (var k = 0; k < sortedKeys.Length; k++)
            if (k == 0 || sortedKeys[k] != sortedKeys[k - 1])
                CollectionsMarshal.GetValueRefOrAddDefault(documentFrequency, sortedKeys[k], out _)++;
    }
}

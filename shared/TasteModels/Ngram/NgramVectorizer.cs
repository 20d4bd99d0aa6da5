using System.Buffers;
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
        int[] keyColumns = [];
        float[] keyValues = [];
        foreach (var row in rows)
        {
            columns.Clear();
            values.Clear();
            var input = inputs[row];
            AddBlock(input.Text, input.TextTf, 1.0, ref keyColumns, ref keyValues, columns, values);
            AddBlock(input.Facets, null, FacetWeight, ref keyColumns, ref keyValues, columns, values);
            result.Add(CollectionsMarshal.AsSpan(columns), CollectionsMarshal.AsSpan(values));
        }
        return result;
    }

    /// <summary>
    /// One block of an input's TF-IDF vector, each key's value times its weight: written to
    /// <paramref name="contributions"/> (NaN for a key without a column) and summed.
    /// </summary>
    public double Contributions(uint[] distinctKeys, float[]? tf, double length, float[] weights, Span<float> contributions)
    {
        var columns = ArrayPool<int>.Shared.Rent(distinctKeys.Length);
        try
        {
            var factor = Weigh(distinctKeys, tf, length, columns, contributions);
            double dot = 0;
            for (var d = 0; d < distinctKeys.Length; d++)
            {
                if (columns[d] < 0)
                {
                    contributions[d] = float.NaN;
                    continue;
                }
                var contribution = (float)(weights[columns[d]] * contributions[d] * factor);
                contributions[d] = contribution;
                dot += contribution;
            }
            return dot;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columns);
        }
    }

    /// <summary>
    /// The one TF-IDF definition, for training and scoring alike: each distinct key's column (-1 without one) and
    /// value (tf × idf; <paramref name="tf"/> null means every key counts once, as facets do), and the factor that
    /// L2-normalises the block to <paramref name="length"/> (0 for a block with no known key).
    /// </summary>
    private double Weigh(ReadOnlySpan<uint> distinctKeys, float[]? tf, double length, Span<int> columns, Span<float> values)
    {
        var squares = 0.0;
        for (var d = 0; d < distinctKeys.Length; d++)
        {
            if (!_columns.TryGet(distinctKeys[d], out var column))
            {
                (columns[d], values[d]) = (-1, 0);
                continue;
            }
            var value = (tf is null ? 1f : tf[d]) * Idf[column];
            (columns[d], values[d]) = (column, value);
            squares += (double)value * value;
        }
        return squares == 0 ? 0 : length / Math.Sqrt(squares);
    }

    private void AddBlock(uint[] distinctKeys, float[]? tf, double length, ref int[] keyColumns, ref float[] keyValues, List<int> columns, List<float> values)
    {
        if (keyColumns.Length < distinctKeys.Length)
            (keyColumns, keyValues) = (new int[distinctKeys.Length * 2], new float[distinctKeys.Length * 2]);
        var factor = Weigh(distinctKeys, tf, length, keyColumns, keyValues);
        for (var d = 0; d < distinctKeys.Length; d++)
        {
            if (keyColumns[d] < 0) continue;
            columns.Add(keyColumns[d]);
            values.Add((float)(keyValues[d] * factor));
        }
    }

    private static void CountDistinct(uint[] distinctKeys, Dictionary<uint, int> documentFrequency)
    {
        foreach (var key in distinctKeys)
            CollectionsMarshal.GetValueRefOrAddDefault(documentFrequency, key, out _)++;
    }
}

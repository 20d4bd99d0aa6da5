using System.Buffers;
using System.Runtime.InteropServices;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// TF-IDF over hashed features: sublinear tf (1 + ln tf), smoothed idf (ln((1+n)/(1+df)) + 1), text part
/// and facet part each L2-normalised, the facet part scaled by <see cref="FacetWeight"/>; with
/// <see cref="TitleApart"/> the title's keys are a third block of length 1. Only keys seen in training get a
/// column, so the model stores what it learned and nothing more.
/// </summary>
internal sealed class NgramVectorizer
{
    private readonly ColumnTable _columns;

    public NgramVectorizer(int minN, int maxN, bool words, bool titleApart, double facetWeight, uint[] keys, float[] idf)
    {
        (MinN, MaxN, Words, TitleApart, FacetWeight, Keys, Idf) = (minN, maxN, words, titleApart, facetWeight, keys, idf);
        _columns = new ColumnTable(keys);
    }

    public int MinN { get; }
    public int MaxN { get; }
    public bool Words { get; }
    public bool TitleApart { get; }
    public double FacetWeight { get; }
    public uint[] Keys { get; }

    /// <summary>Each column's weight: its idf, times its Naive-Bayes log-count ratio when that scaling was fitted.</summary>
    public float[] Idf { get; }

    /// <summary>
    /// Document frequencies, idf and (with <see cref="NgramOptions.NaiveBayes"/>) log-count ratios from the given rows
    /// only: an inner fold never sees its held-out rows or their labels. <paramref name="liked"/> is indexed like <paramref name="inputs"/>.
    /// </summary>
    public static NgramVectorizer Fit(IReadOnlyList<HashedInput> inputs, IReadOnlyList<bool> liked, IReadOnlyList<int> rows, NgramOptions options)
    {
        var documentFrequency = new Dictionary<uint, (int Liked, int Other)>();
        foreach (var row in rows)
        {
            CountDistinct(inputs[row].Text, liked[row], documentFrequency);
            CountDistinct(inputs[row].Facets, liked[row], documentFrequency);
        }
        var kept = new List<uint>(documentFrequency.Count);
        foreach (var (key, (inLiked, inOther)) in documentFrequency)
            if (inLiked + inOther >= options.MinDocuments) kept.Add(key);
        var sorted = kept.ToArray();
        Array.Sort(sorted);
        var idf = new float[sorted.Length];
        var ratio = options.NaiveBayes ? LogCountRatios(sorted, documentFrequency) : null;
        for (var j = 0; j < sorted.Length; j++)
        {
            var (inLiked, inOther) = documentFrequency[sorted[j]];
            idf[j] = (float)((Math.Log((1.0 + rows.Count) / (1.0 + inLiked + inOther)) + 1) * (ratio?[j] ?? 1));
        }
        return new NgramVectorizer(options.MinN, options.MaxN, options.Words, options.TitleApart, options.FacetWeight, sorted, idf);
    }

    /// <summary>
    /// |ln(p/‖p‖₁ ÷ q/‖q‖₁)| with p = 1 + document frequency among liked rows, q the same among the others. The sign
    /// is dropped: a linear model learns it anyway, and the size alone says how much a key separates the two.
    /// </summary>
    private static double[] LogCountRatios(uint[] keys, Dictionary<uint, (int Liked, int Other)> documentFrequency)
    {
        double likedTotal = keys.Length, otherTotal = keys.Length;
        foreach (var key in keys)
        {
            likedTotal += documentFrequency[key].Liked;
            otherTotal += documentFrequency[key].Other;
        }
        return [.. keys.Select(key => Math.Abs(Math.Log((1.0 + documentFrequency[key].Liked) / likedTotal / ((1.0 + documentFrequency[key].Other) / otherTotal))))];
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
            AddBlock(input.Text, input.TextTf, 1.0, TitleApart, ref keyColumns, ref keyValues, columns, values);
            AddBlock(input.Facets, null, FacetWeight, false, ref keyColumns, ref keyValues, columns, values);
            result.Add(CollectionsMarshal.AsSpan(columns), CollectionsMarshal.AsSpan(values));
        }
        return result;
    }

    /// <summary>
    /// One block of an input's TF-IDF vector, each key's value times its weight: written to
    /// <paramref name="contributions"/> (NaN for a key without a column) and summed.
    /// </summary>
    public double Contributions(uint[] distinctKeys, float[]? tf, double length, bool titleApart, float[] weights, Span<float> contributions)
    {
        var columns = ArrayPool<int>.Shared.Rent(distinctKeys.Length);
        try
        {
            var (rest, title) = Weigh(distinctKeys, tf, length, titleApart, columns, contributions);
            double dot = 0;
            for (var d = 0; d < distinctKeys.Length; d++)
            {
                if (columns[d] < 0)
                {
                    contributions[d] = float.NaN;
                    continue;
                }
                var contribution = (float)(weights[columns[d]] * contributions[d] * (titleApart && NgramHashing.IsTitle(distinctKeys[d]) ? title : rest));
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
    /// L2-normalises the block to <paramref name="length"/> (0 for a block with no known key); with
    /// <paramref name="titleApart"/> the title's keys are normalised on their own, by the second factor.
    /// </summary>
    private (double Others, double Title) Weigh(ReadOnlySpan<uint> distinctKeys, float[]? tf, double length, bool titleApart, Span<int> columns, Span<float> values)
    {
        double squares = 0, titleSquares = 0;
        for (var d = 0; d < distinctKeys.Length; d++)
        {
            if (!_columns.TryGet(distinctKeys[d], out var column))
            {
                (columns[d], values[d]) = (-1, 0);
                continue;
            }
            var value = (tf is null ? 1f : tf[d]) * Idf[column];
            (columns[d], values[d]) = (column, value);
            if (titleApart && NgramHashing.IsTitle(distinctKeys[d])) titleSquares += (double)value * value;
            else squares += (double)value * value;
        }
        return (squares == 0 ? 0 : length / Math.Sqrt(squares), titleSquares == 0 ? 0 : length / Math.Sqrt(titleSquares));
    }

    private void AddBlock(uint[] distinctKeys, float[]? tf, double length, bool titleApart, ref int[] keyColumns, ref float[] keyValues, List<int> columns, List<float> values)
    {
        if (keyColumns.Length < distinctKeys.Length)
            (keyColumns, keyValues) = (new int[distinctKeys.Length * 2], new float[distinctKeys.Length * 2]);
        var (rest, title) = Weigh(distinctKeys, tf, length, titleApart, keyColumns, keyValues);
        for (var d = 0; d < distinctKeys.Length; d++)
        {
            if (keyColumns[d] < 0) continue;
            columns.Add(keyColumns[d]);
            values.Add((float)(keyValues[d] * (titleApart && NgramHashing.IsTitle(distinctKeys[d]) ? title : rest)));
        }
    }

    private static void CountDistinct(uint[] distinctKeys, bool liked, Dictionary<uint, (int Liked, int Other)> documentFrequency)
    {
        foreach (var key in distinctKeys)
        {
            ref var frequency = ref CollectionsMarshal.GetValueRefOrAddDefault(documentFrequency, key, out _);
            if (liked) frequency.Liked++;
            else frequency.Other++;
        }
    }
}

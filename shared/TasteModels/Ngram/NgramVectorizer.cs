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
    private readonly Dictionary<uint, int> _columns;

    public NgramVectorizer(int minN, int maxN, bool words, double facetWeight, uint[] keys, float[] idf)
    {
        (MinN, MaxN, Words, FacetWeight, Keys, Idf) = (minN, maxN, words, facetWeight, keys, idf);
        _columns = new Dictionary<uint, int>(keys.Length);
        for (var j = 0; j < keys.Length; j++) _columns[keys[j]] = j;
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

    /// <summary>The TF-IDF vector of one input; returns where its facet columns begin. <paramref name="keys"/> is scratch space.</summary>
    public int Vector(TasteInput input, List<uint> keys, List<int> columns, List<float> values)
    {
        columns.Clear();
        values.Clear();
        keys.Clear();
        var sink = new KeyList(keys);
        NgramHashing.Text(input.Text, MinN, MaxN, Words, ref sink);
        keys.Sort();
        AddBlock(CollectionsMarshal.AsSpan(keys), columns, values, sublinear: true, length: 1.0);
        var textEnd = columns.Count;
        keys.Clear();
        foreach (var facet in input.Facets) keys.Add(NgramHashing.Facet(facet));
        keys.Sort();
        AddBlock(CollectionsMarshal.AsSpan(keys), columns, values, sublinear: false, length: FacetWeight);
        return textEnd;
    }

    public bool TryColumn(uint key, out int column) => _columns.TryGetValue(key, out column);

    private void AddBlock(ReadOnlySpan<uint> sortedKeys, List<int> columns, List<float> values, bool sublinear, double length)
    {
        var from = columns.Count;
        var squares = 0.0;
        for (var k = 0; k < sortedKeys.Length;)
        {
            var key = sortedKeys[k];
            var tf = 0;
            for (; k < sortedKeys.Length && sortedKeys[k] == key; k++) tf++;
            if (!_columns.TryGetValue(key, out var column)) continue;
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

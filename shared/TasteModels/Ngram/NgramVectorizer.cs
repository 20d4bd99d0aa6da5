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

    public static NgramVectorizer Fit(IReadOnlyList<TasteInput> inputs, NgramOptions options)
    {
        var documentFrequency = new Dictionary<uint, int>();
        var keys = new List<uint>();
        foreach (var input in inputs)
        {
            keys.Clear();
            CollectKeys(input, options.MinN, options.MaxN, options.Words, keys);
            keys.Sort();
            for (var k = 0; k < keys.Count; k++)
                if (k == 0 || keys[k] != keys[k - 1])
                    documentFrequency[keys[k]] = documentFrequency.GetValueOrDefault(keys[k]) + 1;
        }
        var sorted = documentFrequency.Where(f => f.Value >= options.MinDocuments).Select(f => f.Key).Order().ToArray();
        var idf = sorted.Select(key => (float)(Math.Log((1.0 + inputs.Count) / (1.0 + documentFrequency[key])) + 1)).ToArray();
        return new NgramVectorizer(options.MinN, options.MaxN, options.Words, options.FacetWeight, sorted, idf);
    }

    public SparseRows Transform(IReadOnlyList<TasteInput> inputs)
    {
        var rows = new SparseRows(Keys.Length);
        var keys = new List<uint>();
        var columns = new List<int>();
        var values = new List<float>();
        foreach (var input in inputs)
        {
            Vector(input, keys, columns, values);
            rows.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(columns), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
        }
        return rows;
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
        AddBlock(keys, columns, values, sublinear: true, length: 1.0);
        var textEnd = columns.Count;
        keys.Clear();
        foreach (var facet in input.Facets) keys.Add(NgramHashing.Facet(facet));
        keys.Sort();
        AddBlock(keys, columns, values, sublinear: false, length: FacetWeight);
        return textEnd;
    }

    public bool TryColumn(uint key, out int column) => _columns.TryGetValue(key, out column);

    private void AddBlock(List<uint> sortedKeys, List<int> columns, List<float> values, bool sublinear, double length)
    {
        var from = columns.Count;
        var squares = 0.0;
        for (var k = 0; k < sortedKeys.Count;)
        {
            var key = sortedKeys[k];
            var tf = 0;
            for (; k < sortedKeys.Count && sortedKeys[k] == key; k++) tf++;
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

    private static void CollectKeys(TasteInput input, int minN, int maxN, bool words, List<uint> keys)
    {
        var sink = new KeyList(keys);
        NgramHashing.Text(input.Text, minN, maxN, words, ref sink);
        foreach (var facet in input.Facets) keys.Add(NgramHashing.Facet(facet));
    }

    private readonly struct KeyList(List<uint> keys) : IOccurrenceSink
    {
        public void Add(uint key, int start, int length) => keys.Add(key);
    }
}

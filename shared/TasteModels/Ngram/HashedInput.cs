namespace Konomi.TasteModels.Ngram;

/// <summary>
/// The feature keys of one input, hashed once: distinct text keys (sorted) with their sublinear tf, distinct facet
/// keys (sorted) with the field each belongs to (as a block number and by name). Training fits a vocabulary on any subset of rows (inner folds included) without hashing a text
/// twice; scoring gets the same shape from <see cref="NgramFeatures"/>, so both weigh a key one way.
/// </summary>
internal readonly record struct HashedInput(uint[] Text, float[] TextTf, uint[] Facets, byte[] FacetFields, string[] FacetFieldNames)
{
    /// <summary>Fields of one input beyond this many share the last field's block.</summary>
    public const int MaxFacetFields = 16;

    public static HashedInput[] HashAll(IReadOnlyList<TasteInput> inputs, NgramOptions options)
    {
        var hashed = new HashedInput[inputs.Count];
        var shape = TextShape.Of(options);
        Parallel.For(0, inputs.Count, () => new List<uint>(), (i, _, keys) =>
        {
            keys.Clear();
            var sink = new KeyList(keys);
            NgramHashing.Text(inputs[i].Text, shape, ref sink);
            keys.Sort();
            var (text, tf) = Distinct(keys);
            var facets = new uint[inputs[i].Facets.Count];
            for (var f = 0; f < facets.Length; f++) facets[f] = NgramHashing.Facet(inputs[i].Facets[f]);
            Array.Sort(facets);
            uint[] distinct = [.. facets.Distinct()];
            hashed[i] = new HashedInput(text, tf, distinct, FieldsOf(inputs[i].Facets, distinct), FieldNamesOf(inputs[i].Facets, distinct));
            return keys;
        }, _ => { });
        return hashed;
    }

    /// <summary>
    /// For each distinct facet key, its field as a small number: the order in which the input first names the field.
    /// Only which keys share a field matters (each field is normalised within one input), so training and scoring agree.
    /// </summary>
    public static byte[] FieldsOf(IReadOnlyList<Facet> facets, uint[] distinctKeys)
    {
        if (facets.Count == 0) return [];
        var fields = new byte[distinctKeys.Length];
        var seen = new List<string>();
        foreach (var facet in facets)
        {
            var field = seen.IndexOf(facet.Field);
            if (field < 0) { field = seen.Count; seen.Add(facet.Field); }
            fields[Array.BinarySearch(distinctKeys, NgramHashing.Facet(facet))] = (byte)Math.Min(field, MaxFacetFields - 1);
        }
        return fields;
    }

    /// <summary>For each distinct facet key, the name of its field (circle, genre, …): stable across inputs, unlike <see cref="FieldsOf"/>.</summary>
    public static string[] FieldNamesOf(IReadOnlyList<Facet> facets, uint[] distinctKeys)
    {
        var names = new string[distinctKeys.Length];
        foreach (var facet in facets) names[Array.BinarySearch(distinctKeys, NgramHashing.Facet(facet))] = facet.Field;
        return names;
    }

    /// <summary>1 + ln tf: the weight of a text key that occurs <paramref name="count"/> times, for training and scoring.</summary>
    public static float SublinearTf(int count) => (float)(1 + Math.Log(count));

    private static (uint[] Keys, float[] Tf) Distinct(List<uint> sorted)
    {
        var keys = new List<uint>(sorted.Count);
        var tf = new List<float>(sorted.Count);
        for (var k = 0; k < sorted.Count;)
        {
            var count = 0;
            var key = sorted[k];
            for (; k < sorted.Count && sorted[k] == key; k++) count++;
            keys.Add(key);
            tf.Add(SublinearTf(count));
        }
        return ([.. keys], [.. tf]);
    }
}

internal readonly struct KeyList(List<uint> keys) : IOccurrenceSink
{
    public void Add(uint key, int start, int length) => keys.Add(key);
}

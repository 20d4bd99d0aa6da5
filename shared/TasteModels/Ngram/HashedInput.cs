namespace Konomi.TasteModels.Ngram;

/// <summary>
/// The feature keys of one input, hashed once and sorted (text and facet parts apart), so training can fit a
/// vocabulary on any subset of rows (inner folds included) without hashing a text twice.
/// </summary>
internal readonly record struct HashedInput(uint[] Text, uint[] Facets)
{
    public static HashedInput[] HashAll(IReadOnlyList<TasteInput> inputs, int minN, int maxN, bool words)
    {
        var hashed = new HashedInput[inputs.Count];
        Parallel.For(0, inputs.Count, () => new List<uint>(), (i, _, keys) =>
        {
            keys.Clear();
            var sink = new KeyList(keys);
            NgramHashing.Text(inputs[i].Text, minN, maxN, words, ref sink);
            keys.Sort();
            var facets = new uint[inputs[i].Facets.Count];
            for (var f = 0; f < facets.Length; f++) facets[f] = NgramHashing.Facet(inputs[i].Facets[f]);
            Array.Sort(facets);
            hashed[i] = new HashedInput(keys.ToArray(), facets);
            return keys;
        }, _ => { });
        return hashed;
    }
}

internal readonly struct KeyList(List<uint> keys) : IOccurrenceSink
{
    public void Add(uint key, int start, int length) => keys.Add(key);
}

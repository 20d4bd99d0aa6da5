using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// One input's features under one n-gram setting, independent of any vocabulary: distinct keys with their
/// sublinear tf, each occurrence's characters (for reasons), distinct facet keys. Every user's model scores the
/// same works, so these are made once per input and shared: models only look their columns up.
/// </summary>
internal sealed class NgramFeatures
{
    // Keyed by the input instance, so it lives exactly as long as the batch that built the inputs.
    private static readonly ConditionalWeakTable<TasteInput, ConcurrentDictionary<TextShape, NgramFeatures>> Shared = new();

    private NgramFeatures(uint[] textKeys, float[] textTf, int[] textCounts, Occurrence[] occurrences, uint[] facetKeys, byte[] facetFields, string[] facetFieldNames, int[] facetOf)
    {
        (TextKeys, TextTf, TextCounts, Occurrences, FacetKeys, FacetFields, FacetFieldNames, FacetOf) = (textKeys, textTf, textCounts, occurrences, facetKeys, facetFields, facetFieldNames, facetOf);
    }

    /// <summary>Distinct text keys, sorted.</summary>
    public uint[] TextKeys { get; }

    /// <summary>1 + ln tf of each text key.</summary>
    public float[] TextTf { get; }

    public int[] TextCounts { get; }

    /// <summary>Every text occurrence: the index of its key in <see cref="TextKeys"/> and the characters it covers.</summary>
    public Occurrence[] Occurrences { get; }

    /// <summary>Distinct facet keys, sorted.</summary>
    public uint[] FacetKeys { get; }

    /// <summary>Each facet key's field, as <see cref="HashedInput.FieldsOf"/> numbers them.</summary>
    public byte[] FacetFields { get; }

    /// <summary>Each facet key's field name, as <see cref="HashedInput.FieldNamesOf"/> gives them.</summary>
    public string[] FacetFieldNames { get; }

    /// <summary>For each of the input's facets, the index of its key in <see cref="FacetKeys"/>.</summary>
    public int[] FacetOf { get; }

    public static NgramFeatures Of(TasteInput input, TextShape shape) =>
        Shared.GetValue(input, _ => new()).GetOrAdd(shape, static (shape, input) => Make(input, shape), input);

    private static NgramFeatures Make(TasteInput input, TextShape shape)
    {
        var found = new OccurrenceList([]);
        NgramHashing.Text(input.Text, shape, ref found);
        var count = found.Items.Count;
        var keys = new uint[count];
        var order = new int[count];
        for (var k = 0; k < count; k++) (keys[k], order[k]) = (found.Items[k].Key, k);
        Array.Sort(keys, order);
        // One pass over the sorted keys gives the distinct keys, their counts and each occurrence's key index.
        var distinct = new List<uint>(count);
        var counts = new List<int>(count);
        var keyOf = new int[count];
        for (var k = 0; k < count; k++)
        {
            if (k > 0 && keys[k] == keys[k - 1]) counts[^1]++;
            else { distinct.Add(keys[k]); counts.Add(1); }
            keyOf[order[k]] = distinct.Count - 1;
        }
        var tf = new float[distinct.Count];
        for (var d = 0; d < tf.Length; d++) tf[d] = HashedInput.SublinearTf(counts[d]);
        var occurrences = new Occurrence[count];
        for (var k = 0; k < count; k++) occurrences[k] = new Occurrence(keyOf[k], found.Items[k].Start, found.Items[k].Length);

        var facetKeys = new uint[input.Facets.Count];
        for (var f = 0; f < facetKeys.Length; f++) facetKeys[f] = NgramHashing.Facet(input.Facets[f]);
        var sortedFacets = (uint[])facetKeys.Clone();
        Array.Sort(sortedFacets);
        var distinctFacets = sortedFacets.Distinct().ToArray();
        var facetOf = new int[facetKeys.Length];
        for (var f = 0; f < facetOf.Length; f++) facetOf[f] = Array.BinarySearch(distinctFacets, facetKeys[f]);
        return new NgramFeatures([.. distinct], tf, [.. counts], occurrences, distinctFacets, HashedInput.FieldsOf(input.Facets, distinctFacets), HashedInput.FieldNamesOf(input.Facets, distinctFacets), facetOf);
    }

    internal readonly record struct Occurrence(int Key, int Start, int Length);

    private readonly struct OccurrenceList(List<(uint Key, int Start, int Length)> items) : IOccurrenceSink
    {
        public List<(uint Key, int Start, int Length)> Items => items;

        public void Add(uint key, int start, int length) => items.Add((key, start, length));
    }
}

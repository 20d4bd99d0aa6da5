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
    private static readonly ConditionalWeakTable<TasteInput, ConcurrentDictionary<(int, int, bool), NgramFeatures>> Shared = new();

    private NgramFeatures(uint[] textKeys, float[] textTf, int[] textCounts, Occurrence[] occurrences, uint[] facetKeys, int[] facetOf)
    {
        (TextKeys, TextTf, TextCounts, Occurrences, FacetKeys, FacetOf) = (textKeys, textTf, textCounts, occurrences, facetKeys, facetOf);
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

    /// <summary>For each of the input's facets, the index of its key in <see cref="FacetKeys"/>.</summary>
    public int[] FacetOf { get; }

    public static NgramFeatures Of(TasteInput input, int minN, int maxN, bool words) =>
        Shared.GetValue(input, _ => new()).GetOrAdd((minN, maxN, words), static (s, input) => Make(input, s.Item1, s.Item2, s.Item3), input);

    private static NgramFeatures Make(TasteInput input, int minN, int maxN, bool words)
    {
        var found = new OccurrenceList([]);
        NgramHashing.Text(input.Text, minN, maxN, words, ref found);
        var keys = new uint[found.Items.Count];
        for (var k = 0; k < keys.Length; k++) keys[k] = found.Items[k].Key;
        Array.Sort(keys);
        var distinct = Distinct(keys, out var counts);
        var tf = new float[distinct.Length];
        for (var d = 0; d < tf.Length; d++) tf[d] = (float)(1 + Math.Log(counts[d]));
        var occurrences = new Occurrence[found.Items.Count];
        for (var k = 0; k < occurrences.Length; k++)
        {
            var (key, start, length) = found.Items[k];
            occurrences[k] = new Occurrence(Array.BinarySearch(distinct, key), start, length);
        }

        var facetKeys = new uint[input.Facets.Count];
        for (var f = 0; f < facetKeys.Length; f++) facetKeys[f] = NgramHashing.Facet(input.Facets[f]);
        var sortedFacets = (uint[])facetKeys.Clone();
        Array.Sort(sortedFacets);
        var distinctFacets = Distinct(sortedFacets, out _);
        var facetOf = new int[facetKeys.Length];
        for (var f = 0; f < facetOf.Length; f++) facetOf[f] = Array.BinarySearch(distinctFacets, facetKeys[f]);
        return new NgramFeatures(distinct, tf, counts, occurrences, distinctFacets, facetOf);
    }

    private static uint[] Distinct(uint[] sorted, out int[] counts)
    {
        var keys = new List<uint>(sorted.Length);
        var tally = new List<int>(sorted.Length);
        for (var k = 0; k < sorted.Length; k++)
        {
            if (k > 0 && sorted[k] == sorted[k - 1]) tally[^1]++;
            else { keys.Add(sorted[k]); tally.Add(1); }
        }
        counts = [.. tally];
        return [.. keys];
    }

    internal readonly record struct Occurrence(int Key, int Start, int Length);

    private readonly struct OccurrenceList(List<(uint Key, int Start, int Length)> items) : IOccurrenceSink
    {
        public List<(uint Key, int Start, int Length)> Items => items;

        public void Add(uint key, int start, int length) => items.Add((key, start, length));
    }
}

using System.Buffers;
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

    private NgramFeatures(uint[] textKeys, float[] textTf, int[] textCounts, Occurrence[] occurrences, uint[] facetKeys, byte[] facetFields, string[] facetFieldNames, int[] facetOf, string[] facetReasonTexts)
    {
        (TextKeys, TextTf, TextCounts, Occurrences, FacetKeys, FacetFields, FacetFieldNames, FacetOf, FacetReasonTexts) = (textKeys, textTf, textCounts, occurrences, facetKeys, facetFields, facetFieldNames, facetOf, facetReasonTexts);
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

    /// <summary>For each of the input's facets, how a reason names it ("voice actor: X").</summary>
    public string[] FacetReasonTexts { get; }

    public static NgramFeatures Of(TasteInput input, TextShape shape) =>
        Shared.GetValue(input, _ => new()).GetOrAdd(shape, static (shape, input) => Make(input, shape), input);

    private static NgramFeatures Make(TasteInput input, TextShape shape)
    {
        // The occurrences as found and their sort live only while this runs, so their arrays are pooled: they were about
        // half of what scoring a work allocated (a page-long work 129 kB before, 63 kB now; docs/models.md, "Speed").
        // Sized for every n-gram length at every character (words come on top, rarely past it).
        using var found = new FoundOccurrences(input.Text.Length * (shape.MaxN - shape.MinN + 1));
        var sink = new OccurrenceSink(found);
        NgramHashing.Text(input.Text, shape, ref sink);
        var count = found.Count;
        // Key in the high half, position in the low: one sort orders the occurrences by key.
        var byKey = ArrayPool<ulong>.Shared.Rent(count);
        var distinctKeys = ArrayPool<uint>.Shared.Rent(count);
        var counts = ArrayPool<int>.Shared.Rent(count);
        try
        {
            for (var k = 0; k < count; k++) byKey[k] = (ulong)found.Items[k].Key << 32 | (uint)k;
            Array.Sort(byKey, 0, count);
            // One pass over them gives the distinct keys, their counts and each occurrence's key index.
            var distinct = 0;
            var occurrences = new Occurrence[count];
            for (var k = 0; k < count; k++)
            {
                var (key, at) = ((uint)(byKey[k] >> 32), (int)(uint)byKey[k]);
                if (distinct == 0 || key != distinctKeys[distinct - 1])
                {
                    (distinctKeys[distinct], counts[distinct]) = (key, 0);   // pooled arrays come uncleared
                    distinct++;
                }
                counts[distinct - 1]++;
                occurrences[at] = new Occurrence(distinct - 1, found.Items[at].Start, found.Items[at].Length);
            }
            var tf = new float[distinct];
            for (var d = 0; d < tf.Length; d++) tf[d] = HashedInput.SublinearTf(counts[d]);
            return WithFacets(input, distinctKeys.AsSpan(0, distinct).ToArray(), tf, counts.AsSpan(0, distinct).ToArray(), occurrences);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(byKey);
            ArrayPool<uint>.Shared.Return(distinctKeys);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private static NgramFeatures WithFacets(TasteInput input, uint[] textKeys, float[] tf, int[] counts, Occurrence[] occurrences)
    {
        var facetKeys = new uint[input.Facets.Count];
        for (var f = 0; f < facetKeys.Length; f++) facetKeys[f] = NgramHashing.Facet(input.Facets[f]);
        var sortedFacets = (uint[])facetKeys.Clone();
        Array.Sort(sortedFacets);
        var distinctFacets = sortedFacets.Distinct().ToArray();
        var facetOf = new int[facetKeys.Length];
        for (var f = 0; f < facetOf.Length; f++) facetOf[f] = Array.BinarySearch(distinctFacets, facetKeys[f]);
        return new NgramFeatures(textKeys, tf, counts, occurrences, distinctFacets, HashedInput.FieldsOf(input.Facets, distinctFacets), HashedInput.FieldNamesOf(input.Facets, distinctFacets), facetOf,
            [.. input.Facets.Select(facet => $"{facet.Field}: {facet.Value}")]);
    }

    internal readonly record struct Occurrence(int Key, int Start, int Length);

    /// <summary>Occurrences as found, in a pooled array returned on dispose.</summary>
    private sealed class FoundOccurrences(int capacity) : IDisposable
    {
        public (uint Key, int Start, int Length)[] Items { get; private set; } = ArrayPool<(uint, int, int)>.Shared.Rent(Math.Max(capacity, 16));
        public int Count { get; private set; }

        public void Add(uint key, int start, int length)
        {
            if (Count == Items.Length)
            {
                var larger = ArrayPool<(uint, int, int)>.Shared.Rent(Items.Length * 2);
                Items.AsSpan(0, Count).CopyTo(larger);
                ArrayPool<(uint, int, int)>.Shared.Return(Items);
                Items = larger;
            }
            Items[Count++] = (key, start, length);
        }

        public void Dispose() => ArrayPool<(uint, int, int)>.Shared.Return(Items);
    }

    // A struct over the buffer, as NgramHashing's sinks are (a title block wraps it by value).
    private readonly struct OccurrenceSink(FoundOccurrences found) : IOccurrenceSink
    {
        public void Add(uint key, int start, int length) => found.Add(key, start, length);
    }
}

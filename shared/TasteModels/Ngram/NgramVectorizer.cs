using System.Buffers;
using System.Runtime.InteropServices;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// TF-IDF over hashed features: sublinear tf (1 + ln tf), smoothed idf (ln((1+n)/(1+df)) + 1), text part
/// and facet part each L2-normalised, the facet part scaled by <see cref="FacetWeight"/>; with
/// <see cref="TitleApart"/> the title's keys are a block of length 1 of their own, with <see cref="FacetFieldsApart"/>
/// each facet field (circle, genre, …) is a block of length <see cref="FacetWeight"/>. Only keys seen in training get a
/// column, so the model stores what it learned and nothing more. With <see cref="LikeRates"/> one column per facet field
/// follows the n-gram and facet columns.
/// </summary>
internal sealed class NgramVectorizer
{
    private readonly ColumnTable _columns;

    public NgramVectorizer(TextShape shape, bool facetFieldsApart, double facetWeight, uint[] keys, ColumnScales scales, FacetLikeRates? likeRates = null)
        : this(shape, facetFieldsApart, facetWeight, keys, new ColumnTable(keys), scales, likeRates)
    {
    }

    private NgramVectorizer(TextShape shape, bool facetFieldsApart, double facetWeight, uint[] keys, ColumnTable columns, ColumnScales scales, FacetLikeRates? likeRates)
    {
        if (scales.Count != keys.Length) throw new ArgumentException("Every key needs its scales.", nameof(scales));
        (Shape, FacetFieldsApart, FacetWeight, Keys, _columns, Scales, LikeRates) = (shape, facetFieldsApart, facetWeight, keys, columns, scales, likeRates);
    }

    /// <summary>The same columns with the Naive-Bayes vote's presence weight each (null: no vote), for a model to keep.</summary>
    public NgramVectorizer WithPresence(float[]? presence) =>
        new(Shape, FacetFieldsApart, FacetWeight, Keys, _columns, Scales.WithPresence(presence ?? []), LikeRates);

    public TextShape Shape { get; }
    private bool TitleApart => Shape.TitleApart;
    public bool FacetFieldsApart { get; }
    public double FacetWeight { get; }
    public uint[] Keys { get; }

    /// <summary>Smoothed like-rates of facets (<see cref="NgramOptions.FacetLikeRates"/>), null when off.</summary>
    public FacetLikeRates? LikeRates { get; }

    /// <summary>Columns of a row: a key each, then a like-rate column per facet field.</summary>
    public int Width => Keys.Length + (LikeRates?.Fields.Length ?? 0);

    /// <summary>
    /// Each key column's idf (times its Naive-Bayes log-count ratio when that scaling was fitted) and, in a trained
    /// model with a vote, its presence weight.
    /// </summary>
    public ColumnScales Scales { get; }

    /// <summary>
    /// Document frequencies, idf and (with <see cref="NgramOptions.NaiveBayes"/>) log-count ratios from the given rows
    /// only: an inner fold never sees its held-out rows or their labels. <paramref name="liked"/> is indexed like <paramref name="inputs"/>.
    /// </summary>
    /// <param name="minDocuments">Keep features seen in at least this many rows; <see cref="NgramOptions.MinDocuments"/> when null.</param>
    public static NgramVectorizer Fit(IReadOnlyList<HashedInput> inputs, IReadOnlyList<bool> liked, IReadOnlyList<int> rows, NgramOptions options, int? minDocuments = null)
    {
        var least = minDocuments ?? options.MinDocuments;
        var documentFrequency = new Dictionary<uint, (int Liked, int Other)>();
        foreach (var row in rows)
        {
            CountDistinct(inputs[row].Text, liked[row], documentFrequency);
            CountDistinct(inputs[row].Facets, liked[row], documentFrequency);
        }
        var kept = new List<uint>(documentFrequency.Count);
        foreach (var (key, (inLiked, inOther)) in documentFrequency)
            if (inLiked + inOther >= least) kept.Add(key);
        var sorted = kept.ToArray();
        Array.Sort(sorted);
        var idf = new float[sorted.Length];
        var ratio = options.NaiveBayes ? LogCountRatios(sorted, documentFrequency) : null;
        for (var j = 0; j < sorted.Length; j++)
        {
            var (inLiked, inOther) = documentFrequency[sorted[j]];
            idf[j] = (float)((Math.Log((1.0 + rows.Count) / (1.0 + inLiked + inOther)) + 1) * (ratio?[j] ?? 1));
        }
        var likeRates = options.FacetLikeRates ? FacetLikeRates.Fit(inputs, liked, rows) : null;
        return new NgramVectorizer(TextShape.Of(options), options.FacetFieldsApart, options.FacetWeight, sorted, ColumnScales.PerColumn(idf), likeRates);
    }

    /// <summary>
    /// Each key's <see cref="NaiveBayesVote.LogCountRatios"/> over its document frequencies, without the sign: a linear
    /// model learns the sign anyway, and the size alone says how much a key separates the two.
    /// </summary>
    private static double[] LogCountRatios(uint[] keys, Dictionary<uint, (int Liked, int Other)> documentFrequency)
    {
        var inLiked = keys.Select(key => (double)documentFrequency[key].Liked).ToArray();
        var inOther = keys.Select(key => (double)documentFrequency[key].Other).ToArray();
        return Array.ConvertAll(NaiveBayesVote.LogCountRatios(inLiked, inOther), Math.Abs);
    }

    /// <param name="ownLabels">
    /// The labels (indexed like <paramref name="inputs"/>) when <paramref name="rows"/> are the rows this vectorizer was
    /// fitted on: each row's like-rates then leave its own label out, so training never sees a label in its own feature.
    /// Held-out rows and scoring pass none and get the full counts.
    /// </param>
    public SparseRows Transform(IReadOnlyList<HashedInput> inputs, IReadOnlyList<int> rows, IReadOnlyList<bool>? ownLabels = null)
    {
        var result = new SparseRows(Width) { KeyColumns = Keys.Length };
        var columns = new List<int>();
        var values = new List<float>();
        int[] keyColumns = [];
        float[] keyValues = [];
        var rates = new float[LikeRates?.Fields.Length ?? 0];
        float[] shares = [];
        foreach (var row in rows)
        {
            columns.Clear();
            values.Clear();
            var input = inputs[row];
            AddBlock(input.Text, input.TextTf, [], TitleApart, 1.0, ref keyColumns, ref keyValues, columns, values);
            AddBlock(input.Facets, null, FacetFieldsApart ? input.FacetFields : [], false, FacetWeight, ref keyColumns, ref keyValues, columns, values);
            if (LikeRates is not null)
            {
                if (shares.Length < input.Facets.Length) shares = new float[input.Facets.Length * 2];
                LikeRates.Features(input.Facets, input.FacetFieldNames, ownLabels?[row], shares, rates);
                for (var f = 0; f < rates.Length; f++)
                {
                    if (rates[f] == 0) continue;
                    columns.Add(Keys.Length + f);
                    values.Add(rates[f]);
                }
            }
            result.Add(CollectionsMarshal.AsSpan(columns), CollectionsMarshal.AsSpan(values));
        }
        return result;
    }

    /// <summary>The text part of an input's vector, each key's value times its weight: see <see cref="Contributions"/>.</summary>
    public double TextContributions(uint[] distinctKeys, float[] tf, float[] weights, Span<float> contributions) =>
        Contributions(distinctKeys, tf, [], TitleApart, 1.0, weights, contributions);

    /// <summary>The facet part; <paramref name="fields"/> gives each key's field (<see cref="HashedInput.FacetFields"/>).</summary>
    public double FacetContributions(uint[] distinctKeys, byte[] fields, float[] weights, Span<float> contributions) =>
        Contributions(distinctKeys, null, FacetFieldsApart ? fields : [], false, FacetWeight, weights, contributions);

    /// <summary>
    /// The like-rate part: each distinct facet key's share of it written to <paramref name="shares"/> (0 without
    /// like-rates), so a reason can name the facet; the sum returned.
    /// </summary>
    public double LikeRateContributions(uint[] distinctKeys, string[] fieldNames, float[] weights, Span<float> shares)
    {
        if (LikeRates is null)
        {
            shares.Clear();
            return 0;
        }
        Span<float> rates = LikeRates.Fields.Length <= 64 ? stackalloc float[LikeRates.Fields.Length] : new float[LikeRates.Fields.Length];
        LikeRates.Features(distinctKeys, fieldNames, null, shares, rates);
        double dot = 0;
        for (var d = 0; d < distinctKeys.Length; d++)
        {
            var field = Array.BinarySearch(LikeRates.Fields, fieldNames[d], StringComparer.Ordinal);
            shares[d] = field < 0 ? 0 : shares[d] * weights[Keys.Length + field];
            dot += shares[d];
        }
        return dot;
    }

    /// <summary>
    /// One part of an input's TF-IDF vector, each key's value times its weight plus its presence weight (the Naive-Bayes
    /// vote, when the model has one): written to <paramref name="contributions"/> (NaN for a key without a column) and summed.
    /// </summary>
    private double Contributions(uint[] distinctKeys, float[]? tf, ReadOnlySpan<byte> blocks, bool titleApart, double length, float[] weights, Span<float> contributions)
    {
        var columns = ArrayPool<int>.Shared.Rent(distinctKeys.Length);
        try
        {
            Weigh(distinctKeys, tf, blocks, titleApart, length, columns, contributions);
            double dot = 0;
            for (var d = 0; d < distinctKeys.Length; d++)
            {
                if (columns[d] < 0)
                {
                    contributions[d] = float.NaN;
                    continue;
                }
                var contribution = weights[columns[d]] * contributions[d] + Scales.Presence(columns[d]);
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
    /// value (tf × idf; <paramref name="tf"/> null means every key counts once, as facets do), each block L2-normalised
    /// to <paramref name="length"/> (a block with no known key stays 0). Blocks: the title's keys and the rest's with
    /// <paramref name="titleApart"/>, else one per value of <paramref name="blocks"/>, else one.
    /// </summary>
    private void Weigh(ReadOnlySpan<uint> distinctKeys, float[]? tf, ReadOnlySpan<byte> blocks, bool titleApart, double length, Span<int> columns, Span<float> values)
    {
        Span<double> squares = stackalloc double[HashedInput.MaxFacetFields];
        squares.Clear();
        for (var d = 0; d < distinctKeys.Length; d++)
        {
            if (!_columns.TryGet(distinctKeys[d], out var column))
            {
                (columns[d], values[d]) = (-1, 0);
                continue;
            }
            var value = (tf is null ? 1f : tf[d]) * Scales.Idf(column);
            (columns[d], values[d]) = (column, value);
            squares[Block(distinctKeys, blocks, titleApart, d)] += (double)value * value;
        }
        for (var b = 0; b < squares.Length; b++) squares[b] = squares[b] == 0 ? 0 : length / Math.Sqrt(squares[b]);
        for (var d = 0; d < distinctKeys.Length; d++) values[d] = (float)(values[d] * squares[Block(distinctKeys, blocks, titleApart, d)]);
    }

    private static int Block(ReadOnlySpan<uint> distinctKeys, ReadOnlySpan<byte> blocks, bool titleApart, int d) =>
        titleApart ? (NgramHashing.IsTitle(distinctKeys[d]) ? 1 : 0) : blocks.IsEmpty ? 0 : blocks[d];

    private void AddBlock(uint[] distinctKeys, float[]? tf, ReadOnlySpan<byte> blocks, bool titleApart, double length, ref int[] keyColumns, ref float[] keyValues, List<int> columns, List<float> values)
    {
        if (keyColumns.Length < distinctKeys.Length)
            (keyColumns, keyValues) = (new int[distinctKeys.Length * 2], new float[distinctKeys.Length * 2]);
        Weigh(distinctKeys, tf, blocks, titleApart, length, keyColumns, keyValues);
        for (var d = 0; d < distinctKeys.Length; d++)
        {
            if (keyColumns[d] < 0) continue;
            columns.Add(keyColumns[d]);
            values.Add(keyValues[d]);
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

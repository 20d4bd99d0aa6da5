namespace Konomi.TasteModels.Ngram;

/// <summary>
/// Smoothed like-rates of facets: per facet key (field and value) how many training rows named it and how many of those
/// were liked. A work gets one column per facet field seen in training (by name, ordinal order): the mean over its
/// facets of that field of the smoothed log-odds lift logit((liked + a·p)/(total + a)) − logit(p), p the liked share of
/// the training rows, a = <see cref="Strength"/>. A facet unseen in training adds 0 (the prior) but still counts in the mean.
/// Columns are in log-odds units, not L2-normalised: a weight of 1 adds the facet's evidence as naive Bayes would,
/// and regularisation then decides how far to trust it against the text and facet blocks (length 1 each).
/// </summary>
internal sealed class FacetLikeRates
{
    /// <summary>Prior strength a: a facet is pulled towards p as if it had been seen this many more times at p.</summary>
    public const double Strength = 2;

    private readonly ColumnTable _keys;

    public FacetLikeRates(string[] fields, int likedRows, int rows, uint[] keys, int[] liked, int[] total)
    {
        (Fields, LikedRows, Rows, Keys, Liked, Total) = (fields, likedRows, rows, keys, liked, total);
        _keys = new ColumnTable(keys);
    }

    /// <summary>The field names seen in training, ordinal order: one column each.</summary>
    public string[] Fields { get; }

    public int LikedRows { get; }
    public int Rows { get; }

    /// <summary>Facet keys seen in training, sorted, with how many liked rows and how many rows named each.</summary>
    public uint[] Keys { get; }
    public int[] Liked { get; }
    public int[] Total { get; }

    /// <summary>Counts over <paramref name="rows"/> only, so an inner fold never sees its held-out rows' labels.</summary>
    public static FacetLikeRates Fit(IReadOnlyList<HashedInput> inputs, IReadOnlyList<bool> liked, IReadOnlyList<int> rows)
    {
        var counts = new SortedDictionary<uint, (int Liked, int Total)>();
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        var likedRows = 0;
        foreach (var row in rows)
        {
            if (liked[row]) likedRows++;
            var input = inputs[row];
            for (var d = 0; d < input.Facets.Length; d++)
            {
                fields.Add(input.FacetFieldNames[d]);
                counts.TryGetValue(input.Facets[d], out var count);
                counts[input.Facets[d]] = (count.Liked + (liked[row] ? 1 : 0), count.Total + 1);
            }
        }
        return new FacetLikeRates([.. fields], likedRows, rows.Count, [.. counts.Keys], [.. counts.Values.Select(c => c.Liked)], [.. counts.Values.Select(c => c.Total)]);
    }

    /// <summary>
    /// Each distinct facet key's share of the like-rate columns, written to <paramref name="shares"/> (its lift over the
    /// number of its field's facets, so a field's shares sum to its column), and each field's column to <paramref name="columns"/>.
    /// <paramref name="ownLabel"/> is the row's label when it is one of the rows counted: its counts and p then leave it
    /// out, so the row's features do not depend on its own label at all.
    /// </summary>
    public void Features(uint[] facetKeys, string[] fieldNames, bool? ownLabel, Span<float> shares, Span<float> columns)
    {
        columns.Clear();
        shares[..facetKeys.Length].Clear();
        var (likedRows, rows) = ownLabel is { } label ? (LikedRows - (label ? 1 : 0), Rows - 1) : (LikedRows, Rows);
        if (likedRows == 0 || likedRows == rows) return;   // one class only: no lift to speak of
        var prior = (double)likedRows / rows;
        Span<int> perField = Fields.Length <= 64 ? stackalloc int[Fields.Length] : new int[Fields.Length];
        perField.Clear();
        Span<int> fieldOf = facetKeys.Length <= 256 ? stackalloc int[facetKeys.Length] : new int[facetKeys.Length];
        for (var d = 0; d < facetKeys.Length; d++)
        {
            fieldOf[d] = Array.BinarySearch(Fields, fieldNames[d], StringComparer.Ordinal);
            if (fieldOf[d] < 0) continue;
            perField[fieldOf[d]]++;
            if (!_keys.TryGet(facetKeys[d], out var k)) continue;
            int liked = Liked[k], total = Total[k];
            if (ownLabel is { } own) (liked, total) = (liked - (own ? 1 : 0), total - 1);
            shares[d] = (float)Lift(liked, total, prior);
        }
        for (var d = 0; d < facetKeys.Length; d++)
        {
            if (fieldOf[d] < 0) continue;
            shares[d] /= perField[fieldOf[d]];
            columns[fieldOf[d]] += shares[d];
        }
    }

    /// <summary>logit((liked + a·p)/(total + a)) − logit(p): 0 for a facet never seen.</summary>
    public static double Lift(int liked, int total, double prior)
    {
        var rate = (liked + Strength * prior) / (total + Strength);
        return Math.Log(rate / (1 - rate)) - Math.Log(prior / (1 - prior));
    }
}

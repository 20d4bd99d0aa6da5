namespace Konomi.TasteModels.Learning;

/// <summary>Rows of a sparse feature matrix in compressed-row form: what the logistic regression trains on.</summary>
public sealed class SparseRows
{
    private int[] _rowStart = [0];
    private int[] _columns = [];
    private float[] _values = [];

    public SparseRows(int width) => (Width, KeyColumns) = (width, width);

    public int Width { get; }

    /// <summary>
    /// The leading columns whose presence in a row says something on its own (n-grams, facets), as opposed to the
    /// measurements after them (like-rates, embeddings); the Naive-Bayes vote counts only these. Every column by default.
    /// </summary>
    public int KeyColumns { get; init; }

    public int Count { get; private set; }

    /// <summary>Stored (non-zero) entries over all rows.</summary>
    public int NonZeros => _rowStart[Count];

    public void Add(ReadOnlySpan<int> columns, ReadOnlySpan<float> values)
    {
        var end = NonZeros + columns.Length;
        if (end > _columns.Length)
        {
            var capacity = Math.Max(end, Math.Max(16, _columns.Length * 2));
            Array.Resize(ref _columns, capacity);
            Array.Resize(ref _values, capacity);
        }
        if (Count + 2 > _rowStart.Length) Array.Resize(ref _rowStart, Math.Max(4, _rowStart.Length * 2));
        columns.CopyTo(_columns.AsSpan(NonZeros));
        values.CopyTo(_values.AsSpan(NonZeros));
        _rowStart[++Count] = end;
    }

    public ReadOnlySpan<int> Columns(int row) => _columns.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]);

    public ReadOnlySpan<float> Values(int row) => _values.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]);

    /// <summary>The row times <paramref name="weights"/>; four running sums, so the adds do not wait on each other.</summary>
    public double Dot(int row, ReadOnlySpan<double> weights)
    {
        var columns = Columns(row);
        var values = Values(row);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var k = 0;
        for (; k + 4 <= columns.Length; k += 4)
        {
            s0 += values[k] * weights[columns[k]];
            s1 += values[k + 1] * weights[columns[k + 1]];
            s2 += values[k + 2] * weights[columns[k + 2]];
            s3 += values[k + 3] * weights[columns[k + 3]];
        }
        for (; k < columns.Length; k++) s0 += values[k] * weights[columns[k]];
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>The sum of <paramref name="weights"/> over the row's stored columns below their length: what a row's keys say by being there.</summary>
    public double Presence(int row, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        foreach (var column in Columns(row))
            if (column < weights.Length) sum += weights[column];
        return sum;
    }

    public SparseRows Select(IReadOnlyList<int> rows)
    {
        var subset = new SparseRows(Width) { KeyColumns = KeyColumns };
        foreach (var row in rows) subset.Add(Columns(row), Values(row));
        return subset;
    }

    /// <summary>
    /// The same matrix by columns (one row per column of this one, rows in ascending order), so Xᵀ·r is a gather from
    /// the short residual vector per column rather than a scatter into the wide gradient per row.
    /// </summary>
    public SparseRows Transpose()
    {
        var start = new int[Width + 1];
        for (var k = 0; k < NonZeros; k++) start[_columns[k] + 1]++;
        for (var j = 0; j < Width; j++) start[j + 1] += start[j];
        var next = start[..Width];
        var rows = new int[NonZeros];
        var values = new float[NonZeros];
        for (var i = 0; i < Count; i++)
            for (var k = _rowStart[i]; k < _rowStart[i + 1]; k++)
            {
                var at = next[_columns[k]]++;
                (rows[at], values[at]) = (i, _values[k]);
            }
        return new SparseRows(Count) { _rowStart = start, _columns = rows, _values = values, Count = Width };
    }
}

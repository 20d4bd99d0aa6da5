namespace Konomi.TasteModels.Learning;

/// <summary>Rows of a sparse feature matrix in compressed-row form: what the logistic regression trains on.</summary>
public sealed class SparseRows
{
    private readonly List<int> _rowStart = [0];
    private readonly List<int> _columns = [];
    private readonly List<float> _values = [];

    public SparseRows(int width) => Width = width;

    public int Width { get; }

    public int Count => _rowStart.Count - 1;

    public void Add(ReadOnlySpan<int> columns, ReadOnlySpan<float> values)
    {
        for (var k = 0; k < columns.Length; k++)
        {
            _columns.Add(columns[k]);
            _values.Add(values[k]);
        }
        _rowStart.Add(_columns.Count);
    }

    public ReadOnlySpan<int> Columns(int row) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_columns)[_rowStart[row].._rowStart[row + 1]];

    public ReadOnlySpan<float> Values(int row) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values)[_rowStart[row].._rowStart[row + 1]];

    public double Dot(int row, ReadOnlySpan<double> weights)
    {
        var columns = Columns(row);
        var values = Values(row);
        var sum = 0.0;
        for (var k = 0; k < columns.Length; k++) sum += values[k] * weights[columns[k]];
        return sum;
    }

    public SparseRows Select(IReadOnlyList<int> rows)
    {
        var subset = new SparseRows(Width);
        foreach (var row in rows) subset.Add(Columns(row), Values(row));
        return subset;
    }
}

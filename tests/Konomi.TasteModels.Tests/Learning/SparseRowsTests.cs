using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Tests.Learning;

public class SparseRowsTests
{
    [Fact]
    public void Transpose_holds_every_entry_at_its_column_and_row()
    {
        var (x, _) = SparseProblems.Make(rows: 300, width: 50, seed: 3);

        var t = x.Transpose();

        t.Count.ShouldBe(x.Width);
        t.Width.ShouldBe(x.Count);
        t.NonZeros.ShouldBe(x.NonZeros);
        Dense(t).SelectMany(row => row).ShouldBe(Transposed(Dense(x)).SelectMany(row => row));
    }

    [Fact]
    public void A_row_dot_equals_the_plain_sum_over_its_entries()
    {
        var (x, _) = SparseProblems.Make(rows: 50, width: 200, seed: 5, perRow: 37);
        var weights = Enumerable.Range(0, x.Width).Select(j => Math.Sin(j)).ToArray();

        for (var i = 0; i < x.Count; i++)
        {
            var columns = x.Columns(i).ToArray();
            var values = x.Values(i).ToArray();
            x.Dot(i, weights).ShouldBe(columns.Select((c, k) => values[k] * weights[c]).Sum(), 1e-12);
        }
    }

    private static float[][] Dense(SparseRows rows) =>
        [.. Enumerable.Range(0, rows.Count).Select(i =>
        {
            var row = new float[rows.Width];
            var columns = rows.Columns(i);
            var values = rows.Values(i);
            for (var k = 0; k < columns.Length; k++) row[columns[k]] = values[k];
            return row;
        })];

    private static float[][] Transposed(float[][] m) =>
        [.. Enumerable.Range(0, m[0].Length).Select(j => m.Select(row => row[j]).ToArray())];
}

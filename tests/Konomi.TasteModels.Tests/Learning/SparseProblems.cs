using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Tests.Learning;

internal static class SparseProblems
{
    /// <summary>Rows of a few non-zeros each, labelled by a hidden linear rule with noise, as n-gram rows are.</summary>
    public static (SparseRows X, bool[] Liked) Make(int rows, int width, int seed, int perRow = 12)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, width).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var x = new SparseRows(width);
        var liked = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            var columns = Enumerable.Range(0, perRow).Select(_ => random.Next(width)).Distinct().Order().ToArray();
            var values = columns.Select(_ => (float)random.NextDouble()).ToArray();
            x.Add(columns, values);
            var margin = columns.Select((c, k) => truth[c] * values[k]).Sum() + random.NextDouble() - 0.5;
            liked[i] = margin > 0.3;
        }
        return (x, liked);
    }
}

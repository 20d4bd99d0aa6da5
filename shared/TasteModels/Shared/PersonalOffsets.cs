using System.Runtime.InteropServices;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Shared;

/// <summary>
/// Feature augmentation (Daumé 2007; the multi-task prior of Evgeniou and Pontil 2004): every row is the shared
/// vector x followed by a copy of x in its owner's own columns, plus a per-user bias column. The fitted score is
/// (w₀ + wᵤ)·x + b + bᵤ, with L2 pulling each person's offset wᵤ towards zero: what everyone agrees on is learnt once,
/// what only one person likes stays theirs. Personal columns exist only for features the person's rows contain.
/// </summary>
internal sealed class PersonalOffsets
{
    private const int BiasColumn = -1;

    private readonly Dictionary<long, int> _columns = [];

    private PersonalOffsets(int sharedWidth) => (SharedWidth, Width) = (sharedWidth, sharedWidth);

    public int SharedWidth { get; }

    public int Width { get; private set; }

    public static PersonalOffsets Of(SparseRows shared, IReadOnlyList<int> userOfRow)
    {
        var offsets = new PersonalOffsets(shared.Width);
        for (var row = 0; row < shared.Count; row++)
        {
            offsets.Column(userOfRow[row], BiasColumn, add: true);
            foreach (var column in shared.Columns(row)) offsets.Column(userOfRow[row], column, add: true);
        }
        return offsets;
    }

    public SparseRows Augment(SparseRows shared, IReadOnlyList<int> userOfRow)
    {
        var augmented = new SparseRows(Width);
        var columns = new List<int>();
        var values = new List<float>();
        void Put(int column, float value)
        {
            columns.Add(column);
            values.Add(value);
        }
        for (var row = 0; row < shared.Count; row++)
        {
            columns.Clear();
            values.Clear();
            var sharedColumns = shared.Columns(row);
            var sharedValues = shared.Values(row);
            for (var k = 0; k < sharedColumns.Length; k++) Put(sharedColumns[k], sharedValues[k]);
            if (Column(userOfRow[row], BiasColumn) is { } bias) Put(bias, 1f);
            for (var k = 0; k < sharedColumns.Length; k++)
                if (Column(userOfRow[row], sharedColumns[k]) is { } personal) Put(personal, sharedValues[k]);
            augmented.Add(CollectionsMarshal.AsSpan(columns), CollectionsMarshal.AsSpan(values));
        }
        return augmented;
    }

    /// <summary>One person's view of the fit: w₀ + wᵤ over the shared columns and b + bᵤ, an ordinary linear model.</summary>
    public (float[] Weights, double Bias) For(int user, LinearModel model)
    {
        var weights = new float[SharedWidth];
        for (var j = 0; j < SharedWidth; j++)
            weights[j] = (float)(model.Weights[j] + (Column(user, j) is { } personal ? model.Weights[personal] : 0));
        var bias = model.Bias + (Column(user, BiasColumn) is { } b ? model.Weights[b] : 0);
        return (weights, bias);
    }

    private int? Column(int user, int column, bool add = false)
    {
        var key = ((long)user << 32) | (uint)(column + 1);
        if (_columns.TryGetValue(key, out var index)) return index;
        if (!add) return null;
        _columns[key] = Width;
        return Width++;
    }
}

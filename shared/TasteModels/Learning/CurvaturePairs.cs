namespace Konomi.TasteModels.Learning;

/// <summary>
/// The last few L-BFGS steps (s) and gradient changes (y) with ρ = 1/(s·y), and the two-loop recursion over
/// them. A pair that fails the curvature check (s·y ≤ 0) is never written, so a full history is not
/// corrupted by a slot holding the rejected pair under the ρ of the pair it replaced.
/// Pairs are kept in single precision: the recursion streams all of them twice per iteration, over as many entries
/// as the model has columns, so halving their bytes halves its cost; ρ and every dot are taken from the stored
/// values in double precision, so the recursion is consistent with what it holds.
/// </summary>
internal sealed class CurvaturePairs(int memory, int width)
{
    private readonly float[][] _s = new float[memory][];
    private readonly float[][] _y = new float[memory][];
    private float[] _spareS = new float[width];
    private float[] _spareY = new float[width];
    private readonly double[] _rho = new double[memory];
    private readonly double[] _yy = new double[memory];
    private readonly double[] _alpha = new double[memory];
    private int _newest = -1;

    public int Count { get; private set; }

    public bool TryAdd(ReadOnlySpan<double> s, ReadOnlySpan<double> y)
    {
        // Rounded into a spare pair first: only one that passes the check takes a slot (the oldest, when full).
        var (sy, yy) = (0.0, 0.0);
        for (var j = 0; j < width; j++)
        {
            (_spareS[j], _spareY[j]) = ((float)s[j], (float)y[j]);
            sy += (double)_spareS[j] * _spareY[j];
            yy += (double)_spareY[j] * _spareY[j];
        }
        if (!(sy > 1e-12)) return false;
        _newest = (_newest + 1) % memory;
        (_s[_newest], _spareS) = (_spareS, _s[_newest] ?? new float[width]);
        (_y[_newest], _spareY) = (_spareY, _y[_newest] ?? new float[width]);
        (_rho[_newest], _yy[_newest]) = (1 / sy, yy);
        Count = Math.Min(Count + 1, memory);
        return true;
    }

    public void Clear() => Count = 0;

    /// <summary>The quasi-Newton direction −H·g for <paramref name="gradient"/>.</summary>
    public void Direction(ReadOnlySpan<double> gradient, Span<double> direction)
    {
        for (var j = 0; j < direction.Length; j++) direction[j] = -gradient[j];
        for (var k = 0; k < Count; k++)
        {
            var m = (_newest - k + memory) % memory;
            _alpha[m] = _rho[m] * DenseVectors.Dot(_s[m], direction);
            DenseVectors.Axpy(-_alpha[m], _y[m], direction);
        }
        if (Count > 0)
        {
            // s·y / y·y of the newest pair: the initial Hessian's scale.
            var gamma = 1 / (_rho[_newest] * _yy[_newest]);
            for (var j = 0; j < direction.Length; j++) direction[j] *= gamma;
        }
        for (var k = Count - 1; k >= 0; k--)
        {
            var m = (_newest - k + memory) % memory;
            var beta = _rho[m] * DenseVectors.Dot(_y[m], direction);
            DenseVectors.Axpy(_alpha[m] - beta, _s[m], direction);
        }
    }
}

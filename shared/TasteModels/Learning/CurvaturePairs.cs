namespace Konomi.TasteModels.Learning;

/// <summary>
/// The last few L-BFGS steps (s) and gradient changes (y) with ρ = 1/(s·y), and the two-loop recursion over
/// them. A pair that fails the curvature check (s·y ≤ 0) is never written, so a full history is not
/// corrupted by a slot holding the rejected pair under the ρ of the pair it replaced.
/// </summary>
internal sealed class CurvaturePairs(int memory, int width)
{
    private readonly double[][] _s = new double[memory][];
    private readonly double[][] _y = new double[memory][];
    private readonly double[] _rho = new double[memory];
    private readonly double[] _alpha = new double[memory];
    private int _newest = -1;

    public int Count { get; private set; }

    public bool TryAdd(ReadOnlySpan<double> s, ReadOnlySpan<double> y)
    {
        var sy = Dot(s, y);
        if (!(sy > 1e-12)) return false;
        _newest = (_newest + 1) % memory;
        s.CopyTo(_s[_newest] ??= new double[width]);
        y.CopyTo(_y[_newest] ??= new double[width]);
        _rho[_newest] = 1 / sy;
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
            _alpha[m] = _rho[m] * Dot(_s[m], direction);
            Axpy(-_alpha[m], _y[m], direction);
        }
        if (Count > 0)
        {
            var gamma = Dot(_s[_newest], _y[_newest]) / Dot(_y[_newest], _y[_newest]);
            for (var j = 0; j < direction.Length; j++) direction[j] *= gamma;
        }
        for (var k = Count - 1; k >= 0; k--)
        {
            var m = (_newest - k + memory) % memory;
            var beta = _rho[m] * Dot(_y[m], direction);
            Axpy(_alpha[m] - beta, _s[m], direction);
        }
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var j = 0; j < y.Length; j++) y[j] += a * x[j];
    }
}

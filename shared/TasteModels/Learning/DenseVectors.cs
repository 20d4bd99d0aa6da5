using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Konomi.TasteModels.Learning;

/// <summary>
/// Dots and axpys over the model's width for L-BFGS, four doubles at a time with two accumulators. Vector256 (not
/// Vector&lt;T&gt; or TensorPrimitives, whose width and summation order follow the CPU) fixes the order of the sums,
/// so every machine computes the same bits; the scalar loops they replace waited on one add per element.
/// </summary>
internal static class DenseVectors
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        var even = Vector256<double>.Zero;
        var odd = Vector256<double>.Zero;
        var j = 0;
        for (; j + 8 <= a.Length; j += 8)
        {
            even += Vector256.LoadUnsafe(ref x, (nuint)j) * Vector256.LoadUnsafe(ref y, (nuint)j);
            odd += Vector256.LoadUnsafe(ref x, (nuint)j + 4) * Vector256.LoadUnsafe(ref y, (nuint)j + 4);
        }
        var sum = Vector256.Sum(even + odd);
        for (; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }

    /// <summary>a·b with <paramref name="a"/> stored in single precision, summed in double.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<double> b)
    {
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        var even = Vector256<double>.Zero;
        var odd = Vector256<double>.Zero;
        var j = 0;
        for (; j + 8 <= a.Length; j += 8)
        {
            var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)j));
            even += lower * Vector256.LoadUnsafe(ref y, (nuint)j);
            odd += upper * Vector256.LoadUnsafe(ref y, (nuint)j + 4);
        }
        var sum = Vector256.Sum(even + odd);
        for (; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }

    /// <summary>y += a·x with <paramref name="x"/> stored in single precision.</summary>
    public static void Axpy(double a, ReadOnlySpan<float> x, Span<double> y)
    {
        ref var from = ref MemoryMarshal.GetReference(x);
        ref var to = ref MemoryMarshal.GetReference(y);
        var scale = Vector256.Create(a);
        var j = 0;
        for (; j + 8 <= y.Length; j += 8)
        {
            var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref from, (nuint)j));
            (Vector256.LoadUnsafe(ref to, (nuint)j) + scale * lower).StoreUnsafe(ref to, (nuint)j);
            (Vector256.LoadUnsafe(ref to, (nuint)j + 4) + scale * upper).StoreUnsafe(ref to, (nuint)j + 4);
        }
        for (; j < y.Length; j++) y[j] += a * x[j];
    }
}

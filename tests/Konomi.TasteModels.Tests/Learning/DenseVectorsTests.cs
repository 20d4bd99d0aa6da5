using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Tests.Learning;

public class DenseVectorsTests
{
    // Lengths below, at and past one vector block, and with every tail length.
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(1003)]
    public void Dots_and_axpy_match_the_plain_loops(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();
        var f = a.Select(v => (float)v).ToArray();

        DenseVectors.Dot(a, b).ShouldBe(a.Zip(b, (x, y) => x * y).Sum(), 1e-12);
        DenseVectors.Dot(f, b).ShouldBe(f.Zip(b, (x, y) => x * y).Sum(), 1e-12);

        var y = (double[])b.Clone();
        DenseVectors.Axpy(-1.5, f, y);
        y.ShouldBe(b.Zip(f, (v, x) => v - 1.5 * x).ToArray(), 1e-12);
    }
}

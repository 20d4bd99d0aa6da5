using Konomi.Labelling;

namespace Konomi.Labelling.Tests;

public class BigramVectorTests
{
    [Theory]
    [InlineData("耳かきと癒しの時間", "耳かきの時間です")]
    [InlineData("ASMR ear cleaning", "ear cleaning ASMR, again")]
    [InlineData("耳かき耳かき耳かき", "耳かき")]
    [InlineData("まったく違う", "nothing shared")]
    [InlineData("", "空でない")]
    public void Measures_the_cosine_of_the_two_texts_bigram_counts(string a, string b)
    {
        var compact = BigramVector.Of(a).Cosine(BigramVector.Of(b));

        var expected = Cosine(Counts(a), Counts(b));
        compact.ShouldBe(double.IsNaN(expected) ? 0 : expected, 1e-6);
    }

    // The definition, written the plain way: counts of each two-character string not touching whitespace.
    static Dictionary<string, double> Counts(string text)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < text.Length; i++)
            if (!char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i + 1]))
                counts[text.Substring(i, 2)] = counts.GetValueOrDefault(text.Substring(i, 2)) + 1;
        return counts;
    }

    static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b) =>
        a.Sum(p => p.Value * b.GetValueOrDefault(p.Key)) / Math.Sqrt(a.Values.Sum(v => v * v) * b.Values.Sum(v => v * v));
}

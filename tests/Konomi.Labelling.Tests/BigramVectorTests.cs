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
    public void Measures_the_same_likeness_as_the_text_vectors_it_stands_in_for(string a, string b)
    {
        var compact = BigramVector.Of(a).Cosine(BigramVector.Of(b));

        var expected = TextVectors.Cosine(TextVectors.Of(a), TextVectors.Of(b));
        compact.ShouldBe(double.IsNaN(expected) ? 0 : expected, 1e-6);
    }
}

using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

/// <summary>The inference service hands every user's model the same inputs; each must score as if it had them alone.</summary>
public class NgramSharedFeaturesTests
{
    [Fact]
    public void Models_with_different_vocabularies_and_settings_score_shared_inputs_as_they_score_their_own_copies()
    {
        var examples = NgramFamilyTests.ToyExamples();
        var ct = TestContext.Current.CancellationToken;
        var models = new[]
        {
            new NgramFamily(Options.Create(new NgramOptions())).Train(examples, ct),
            new NgramFamily(Options.Create(new NgramOptions())).Train(examples.Where((_, i) => i % 3 != 0).ToList(), ct),
            new NgramFamily(Options.Create(new NgramOptions { MinN = 2, MaxN = 3, Words = false, FacetWeight = 0.5 })).Train(examples, ct),
        };
        var shared = examples.Select(e => e.Input).Take(20).Append(new TasteInput("耳かき 耳かき ASMR asmr\n新しい朝", [])).ToArray();

        // Interleaved, so each model finds inputs another model (other settings included) has already featurised.
        var together = models.Select(m => m.Predict(shared)).ToArray();
        var alone = models.Select(m => m.Predict([.. shared.Select(input => input with { })])).ToArray();

        for (var m = 0; m < models.Length; m++)
            for (var i = 0; i < shared.Length; i++)
            {
                together[m][i].Score.ShouldBe(alone[m][i].Score);
                together[m][i].Reasons.ShouldBe(alone[m][i].Reasons);
            }
        together[0].Select(p => p.Score).ShouldNotBe(together[2].Select(p => p.Score));
    }
}

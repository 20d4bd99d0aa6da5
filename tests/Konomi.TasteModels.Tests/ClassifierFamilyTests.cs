using Konomi.TasteModels.Classifier;
using Konomi.TasteModels.Onnx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

/// <summary>
/// No fine-tuned classifier can be downloaded here, so these tests use the MiniLM encoder graph: it proves
/// the load path (file model + vocab tokenizer) and that a graph without logits is refused with a clear
/// message. Scoring through a real logits head is not covered.
/// </summary>
public class ClassifierFamilyTests
{
    [Fact]
    public void An_encoder_without_a_logits_output_is_refused_naming_its_outputs()
    {
        var folder = Directory.CreateTempSubdirectory("konomi-classifier-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "model.onnx"), MiniLm.ModelBytes());
            File.WriteAllBytes(Path.Combine(folder, "vocab.txt"), MiniLm.VocabBytes());
            var options = new ClassifierOptions { ModelPath = Path.Combine(folder, "model.onnx"), TokenizerPath = Path.Combine(folder, "vocab.txt"), LowerCase = true };
            using var family = new ClassifierFamily(Options.Create(options), new OnnxSessions(Options.Create(new InferenceDeviceOptions()), NullLogger<OnnxSessions>.Instance));

            var error = Should.Throw<InvalidOperationException>(() => family.Train([new(TasteInput.FromText("a"), true)], TestContext.Current.CancellationToken));

            error.Message.ShouldContain("no 2-D 'logits' output");
            error.Message.ShouldContain("last_hidden_state");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_a_configured_model_the_family_says_what_to_set()
    {
        using var family = new ClassifierFamily(Options.Create(new ClassifierOptions()), new OnnxSessions(Options.Create(new InferenceDeviceOptions()), NullLogger<OnnxSessions>.Instance));

        Should.Throw<InvalidOperationException>(() => family.Deserialize([1, 2, 3])).Message.ShouldContain("TasteModels:Classifier:ModelPath");
    }
}

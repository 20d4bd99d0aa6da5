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
            using var family = new ClassifierFamily(Options.Create(options), new OnnxSessions(Options.Create(new TasteModelOptions()), NullLogger<OnnxSessions>.Instance));

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
    public void A_brought_model_path_that_holds_no_file_is_refused_naming_its_setting()
    {
        var folder = Directory.CreateTempSubdirectory("konomi-classifier-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "vocab.txt"), MiniLm.VocabBytes());
            var options = new ClassifierOptions { ModelPath = Path.Combine(folder, "model.onnx"), TokenizerPath = Path.Combine(folder, "vocab.txt"), LowerCase = true };
            using var family = new ClassifierFamily(Options.Create(options), new OnnxSessions(Options.Create(new TasteModelOptions()), NullLogger<OnnxSessions>.Instance));

            var error = Should.Throw<InvalidOperationException>(() => family.Train([new(TasteInput.FromText("a"), true)], TestContext.Current.CancellationToken));

            error.Message.ShouldBe($"TasteModels:Classifier:ModelPath {options.ModelPath}: no such file");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static readonly DateTimeOffset FineTuned = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A network fine-tuned on the first 40 labels has memorised them (0.99 / 0.01); on the 20 given after its
    /// fine-tuning its scores are what new works get: half the liked ones score low, between 0.11 and 0.14.
    /// </summary>
    static (Example[] Examples, Dictionary<string, double> Scores) MemorisedAndFresh()
    {
        var scores = new Dictionary<string, double>();
        var examples = new List<Example>();
        for (var i = 0; i < 40; i++)
        {
            var liked = i % 2 == 0;
            scores[$"seen {i}"] = liked ? 0.99 : 0.01;
            examples.Add(new Example(TasteInput.FromText($"seen {i}"), liked, FineTuned.AddDays(-30 + i / 2)));
        }
        double[] freshLiked = [0.6, 0.55, 0.45, 0.4, 0.14, 0.13, 0.12, 0.11];
        double[] freshNot = [0.5, 0.35, 0.3, 0.25, 0.2, 0.18, 0.16, 0.15, 0.05, 0.04, 0.03, 0.02];
        foreach (var (score, liked, i) in freshLiked.Select((s, i) => (s, true, i)).Concat(freshNot.Select((s, i) => (s, false, 100 + i))))
        {
            scores[$"fresh {i}"] = score;
            examples.Add(new Example(TasteInput.FromText($"fresh {i}"), liked, FineTuned.AddDays(1 + i % 10)));
        }
        return ([.. examples], scores);
    }

    [Fact]
    public void The_threshold_is_chosen_on_labels_the_network_never_learned_from()
    {
        var (examples, scores) = MemorisedAndFresh();
        var options = new ClassifierOptions { FineTunedUntil = FineTuned };
        var fresh = examples.Where(e => e.LabeledAt > FineTuned).ToArray();
        var inSample = options.Threshold.Choose([.. examples.Select(e => scores[e.Input.Text])], [.. examples.Select(e => e.Liked)]);

        var threshold = ClassifierFamily.ChooseThreshold(examples, texts => [.. texts.Select(t => scores[t])], options);

        threshold.ShouldBe(options.Threshold.Choose([.. fresh.Select(e => scores[e.Input.Text])], [.. fresh.Select(e => e.Liked)]));
        // The memorised labels make a strict cut look best (0.375: half the liked new works missed).
        inSample.ShouldBeGreaterThan(0.3);
        threshold.ShouldBeLessThan(0.11);
    }

    [Fact]
    public void Without_its_fine_tuning_date_the_network_keeps_its_own_decision_boundary()
    {
        var (examples, scores) = MemorisedAndFresh();

        ClassifierFamily.ChooseThreshold(examples, texts => [.. texts.Select(t => scores[t])], new ClassifierOptions()).ShouldBe(0.5);
    }

    [Fact]
    public void Without_a_configured_model_the_family_says_what_to_set()
    {
        using var family = new ClassifierFamily(Options.Create(new ClassifierOptions()), new OnnxSessions(Options.Create(new TasteModelOptions()), NullLogger<OnnxSessions>.Instance));

        // A setting to fix: every host and the CLI say a SettingException in one line, without a stack trace.
        Should.Throw<Konomi.Settings.SettingException>(() => family.Deserialize([1, 2, 3])).Message.ShouldContain("TasteModels:Classifier:ModelPath");
    }
}

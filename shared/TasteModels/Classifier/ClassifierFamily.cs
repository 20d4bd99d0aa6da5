using Konomi.Settings;
using Konomi.TasteModels.Onnx;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Classifier;

/// <summary>
/// A fine-tuned ONNX sequence classifier the user brings (e.g. the original system's AutoTrain model),
/// used as is. "Training" only chooses the threshold, by the configured rule, from its scores on labels the
/// network never learned from (see <see cref="ClassifierOptions.FineTunedUntil"/>); retraining the network
/// itself happens outside Konomi.
/// </summary>
public sealed class ClassifierFamily : ITasteModelFamily, IDisposable
{
    public const string Name = "classifier";

    private readonly ClassifierOptions _options;
    private readonly Lazy<SequenceClassifier> _classifier;

    public ClassifierFamily(IOptions<ClassifierOptions> options, OnnxSessions sessions)
    {
        _options = options.Value;
        _classifier = new Lazy<SequenceClassifier>(() =>
        {
            if (_options.ModelPath is null || _options.TokenizerPath is null)
                // A setting left out, not a fault: the CLI says it as one, without a stack trace. Checked on start too, but only
                // for TasteModels:Family=classifier; `konomi eval --model classifier` chooses it on the command line.
                throw new SettingException(ClassifierOptionsValidation.PathsMissing);
            var tokenizer = BroughtFile.Load("TasteModels:Classifier:TokenizerPath", _options.TokenizerPath, path => TextTokenizer.FromFile(path, _options.LowerCase, _options.FairseqIds));
            return BroughtFile.Load("TasteModels:Classifier:ModelPath", _options.ModelPath, path => new SequenceClassifier(sessions, File.ReadAllBytes(path), tokenizer, _options));
        });
    }

    string ITasteModelFamily.Name => Name;

    public ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct = default)
    {
        var texts = examples.Select(e => e.Input.Text).ToArray();
        UnknownTokenLimit.Check(Name, "TasteModels:Classifier:MaxUnknownTokenShare", _classifier.Value.CountUnknown(texts), _options.MaxUnknownTokenShare);
        return new ClassifierModel(_classifier.Value, ChooseThreshold(examples, _classifier.Value.Score, _options));
    }

    /// <summary>
    /// The threshold from the scores of examples labelled after <see cref="ClassifierOptions.FineTunedUntil"/>: the
    /// network's scores on its own fine-tuning labels are in-sample (one that memorised them separates them at any
    /// cut), so a threshold chosen on them says nothing about new works. Without such fresh examples of both kinds
    /// the network's own decision boundary, 0.5, stands.
    /// </summary>
    internal static double ChooseThreshold(IReadOnlyList<Example> examples, Func<IReadOnlyList<string>, IReadOnlyList<double>> score, ClassifierOptions options)
    {
        var unseen = options.FineTunedUntil is { } cutoff
            ? examples.Where(e => e.LabeledAt > cutoff).ToArray()
            : [];
        if (!unseen.Any(e => e.Liked) || unseen.All(e => e.Liked)) return 0.5;
        return options.Threshold.Choose(score([.. unseen.Select(e => e.Input.Text)]), [.. unseen.Select(e => e.Liked)]);
    }

    public ITasteModel Deserialize(byte[] bytes) => ClassifierModel.Read(bytes, _classifier.Value);

    public void Dispose()
    {
        if (_classifier.IsValueCreated) _classifier.Value.Dispose();
    }
}

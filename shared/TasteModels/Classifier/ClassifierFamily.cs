using Konomi.TasteModels.Onnx;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Classifier;

/// <summary>
/// A fine-tuned ONNX sequence classifier the user brings (e.g. the original system's AutoTrain model),
/// used as is. "Training" only chooses the threshold from its scores on the labelled examples, by the
/// configured rule; retraining the network itself happens outside Konomi.
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
                throw new InvalidOperationException("The classifier family needs TasteModels:Classifier:ModelPath and TokenizerPath.");
            return new SequenceClassifier(sessions, File.ReadAllBytes(_options.ModelPath), TextTokenizer.FromFile(_options.TokenizerPath, _options.LowerCase, _options.FairseqIds), _options);
        });
    }

    string ITasteModelFamily.Name => Name;

    public ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct = default)
    {
        var texts = examples.Select(e => e.Input.Text).ToArray();
        UnknownTokenLimit.Check(Name, "TasteModels:Classifier:MaxUnknownTokenShare", _classifier.Value.CountUnknown(texts), _options.MaxUnknownTokenShare);
        var scores = _classifier.Value.Score(texts);
        var liked = examples.Select(e => e.Liked).ToArray();
        var threshold = liked.Any(l => l) ? _options.Threshold.Choose(scores, liked) : 0.5;
        return new ClassifierModel(_classifier.Value, threshold);
    }

    public ITasteModel Deserialize(byte[] bytes) => ClassifierModel.Read(bytes, _classifier.Value);

    public void Dispose()
    {
        if (_classifier.IsValueCreated) _classifier.Value.Dispose();
    }
}

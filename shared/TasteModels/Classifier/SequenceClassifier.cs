using System.Security.Cryptography;
using Konomi.TasteModels.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Konomi.TasteModels.Classifier;

/// <summary>
/// A user's fine-tuned ONNX sequence classifier, used as is: the softmax probability of the positive class.
/// A graph without a 2-D <c>logits</c> output (e.g. a bare encoder) is refused with the outputs it has.
/// </summary>
public sealed class SequenceClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly TextTokenizer _tokenizer;
    private readonly ClassifierOptions _options;
    private readonly bool _typeIds;

    public SequenceClassifier(OnnxSessions sessions, byte[] model, TextTokenizer tokenizer, ClassifierOptions options)
    {
        _session = sessions.Open(model);
        (_tokenizer, _options) = (tokenizer, options);
        if (!_session.OutputMetadata.TryGetValue("logits", out var logits) || logits.Dimensions.Length != 2)
        {
            var outputs = string.Join(", ", _session.OutputMetadata.Select(o => $"{o.Key}[{string.Join('x', o.Value.Dimensions)}]"));
            _session.Dispose();
            throw new InvalidOperationException($"The ONNX model is not a sequence classifier: it has no 2-D 'logits' output (outputs: {outputs}). Export it with a classification head (AutoTrain, optimum-cli --task text-classification).");
        }
        _typeIds = TokenBatch.Check(_session);
        ModelId = Convert.ToHexStringLower(SHA256.HashData(model))[..16];
    }

    public string ModelId { get; }

    public UnknownTokens CountUnknown(IEnumerable<string> texts) => _tokenizer.CountUnknown(texts);

    public IReadOnlyList<double> Score(IReadOnlyList<string> texts)
    {
        var scores = new List<double>(texts.Count);
        for (var from = 0; from < texts.Count; from += _options.BatchSize)
        {
            var batch = texts.Skip(from).Take(_options.BatchSize).Select(t => _tokenizer.Encode(t, _options.MaxTokens)).ToArray();
            scores.AddRange(ScoreBatch(batch));
        }
        return scores;
    }

    private IEnumerable<double> ScoreBatch(long[][] sequences)
    {
        var batch = new TokenBatch(sequences, _typeIds);
        using var outputs = _session.Run(batch.Inputs, ["logits"]);
        var logits = outputs[0].AsTensor<float>();
        if (_options.PositiveClass >= logits.Dimensions[1])
            throw new InvalidOperationException($"TasteModels:Classifier:PositiveClass is {_options.PositiveClass} but the model has {logits.Dimensions[1]} classes.");
        return Enumerable.Range(0, batch.Rows).Select(b => Softmax(logits, b)[_options.PositiveClass]).ToArray();
    }

    internal static double[] Softmax(Tensor<float> logits, int row)
    {
        var values = Enumerable.Range(0, logits.Dimensions[1]).Select(c => (double)logits[row, c]).ToArray();
        var max = values.Max();
        var exp = values.Select(v => Math.Exp(v - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    public void Dispose() => _session.Dispose();
}

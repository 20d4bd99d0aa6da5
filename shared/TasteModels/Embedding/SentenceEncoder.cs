using System.Security.Cryptography;
using Konomi.TasteModels.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// An ONNX sentence-embedding model: tokenise, run in batches, mean-pool the token vectors over the
/// attention mask, L2-normalise. <see cref="ModelId"/> names the exact weights (a hash of the file) so
/// a saved head is never used with other embeddings.
/// </summary>
public sealed class SentenceEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly TextTokenizer _tokenizer;
    private readonly int _maxTokens;
    private readonly int _batchSize;
    private readonly bool _typeIds;

    public SentenceEncoder(OnnxSessions sessions, byte[] model, TextTokenizer tokenizer, int maxTokens, int batchSize)
    {
        _session = sessions.Open(model);
        (_tokenizer, _maxTokens, _batchSize) = (tokenizer, maxTokens, batchSize);
        _typeIds = TokenBatch.Check(_session);
        ModelId = Convert.ToHexStringLower(SHA256.HashData(model))[..16];
    }

    public string ModelId { get; }

    public UnknownTokens CountUnknown(IEnumerable<string> texts) => _tokenizer.CountUnknown(texts);

    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts)
    {
        var vectors = new float[texts.Count][];
        for (var from = 0; from < texts.Count; from += _batchSize)
        {
            var batch = texts.Skip(from).Take(_batchSize).Select(t => _tokenizer.Encode(t, _maxTokens)).ToArray();
            var pooled = EncodeBatch(batch);
            pooled.CopyTo(vectors, from);
        }
        return vectors;
    }

    private float[][] EncodeBatch(long[][] sequences)
    {
        var batch = new TokenBatch(sequences, _typeIds);
        using var outputs = _session.Run(batch.Inputs);
        var hidden = outputs[0].AsTensor<float>();
        return hidden.Dimensions.Length == 2 ? Pooled(hidden, batch.Rows) : MeanPooled(hidden, batch.Mask, batch.Rows, batch.Length);
    }

    private static float[][] MeanPooled(Tensor<float> hidden, DenseTensor<long> mask, int rows, int length)
    {
        var dimensions = hidden.Dimensions[2];
        var vectors = new float[rows][];
        for (var b = 0; b < rows; b++)
        {
            var sum = new float[dimensions];
            var tokens = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[b, t] == 0) continue;
                tokens++;
                for (var d = 0; d < dimensions; d++) sum[d] += hidden[b, t, d];
            }
            for (var d = 0; d < dimensions; d++) sum[d] /= Math.Max(tokens, 1);
            vectors[b] = Normalized(sum);
        }
        return vectors;
    }

    private static float[][] Pooled(Tensor<float> pooled, int rows) =>
        Enumerable.Range(0, rows).Select(b => Normalized(Enumerable.Range(0, pooled.Dimensions[1]).Select(d => pooled[b, d]).ToArray())).ToArray();

    private static float[] Normalized(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0) for (var d = 0; d < vector.Length; d++) vector[d] /= norm;
        return vector;
    }

    public void Dispose() => _session.Dispose();
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Konomi.TasteModels.Onnx;

/// <summary>A batch of token id sequences padded to its longest one, as transformer inputs.</summary>
public sealed class TokenBatch
{
    public TokenBatch(long[][] sequences, bool typeIds)
    {
        Rows = sequences.Length;
        Length = sequences.Max(ids => ids.Length);
        var ids = new DenseTensor<long>([Rows, Length]);
        Mask = new DenseTensor<long>([Rows, Length]);
        for (var b = 0; b < Rows; b++)
            for (var t = 0; t < sequences[b].Length; t++)
            {
                ids[b, t] = sequences[b][t];
                Mask[b, t] = 1;
            }
        Inputs =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", Mask),
            .. typeIds ? [NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>([Rows, Length]))] : Array.Empty<NamedOnnxValue>(),
        ];
    }

    public int Rows { get; }

    public int Length { get; }

    public DenseTensor<long> Mask { get; }

    public IReadOnlyList<NamedOnnxValue> Inputs { get; }

    /// <summary>Refuses a graph that lacks the inputs every BERT-style export has.</summary>
    public static bool Check(InferenceSession session)
    {
        foreach (var required in new[] { "input_ids", "attention_mask" })
            if (!session.InputMetadata.ContainsKey(required))
                throw new InvalidOperationException($"The ONNX model has no '{required}' input (inputs: {string.Join(", ", session.InputMetadata.Keys)}).");
        return session.InputMetadata.ContainsKey("token_type_ids");
    }
}

using Konomi.Contracts;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// A per-user logistic-regression head over shared sentence embeddings. Its reasons name the liked
/// training examples the work is most similar to ("similar to: …").
/// </summary>
internal sealed class EmbeddingModel(EmbeddingFamily family, string modelId, float[] weights, double bias, double threshold, IReadOnlyList<LikedNeighbour> liked) : ITasteModel
{
    public string Family => EmbeddingFamily.Name;

    public double Threshold => threshold;

    internal string ModelId => modelId;
    internal float[] Weights => weights;
    internal double Bias => bias;
    internal IReadOnlyList<LikedNeighbour> Liked => liked;

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs)
    {
        var vectors = family.Embed(inputs.Select(i => i.Text).ToArray());
        return vectors.Select(v => new Prediction(LinearModel.Sigmoid(Dot(weights, v) + bias), Reasons(v))).ToArray();
    }

    private IReadOnlyList<ScoreReason> Reasons(float[] vector) =>
        liked.Select(n => (n.Label, Similarity: Dot(n.Vector, vector)))
            .OrderByDescending(n => n.Similarity)
            .Take(2)
            .Select(n => new ScoreReason("similar", $"similar to: {n.Label}", n.Similarity))
            .ToArray();

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++) sum += a[d] * b[d];
        return sum;
    }

    public byte[] Serialize() => EmbeddingModelFormat.Write(this);
}

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
        return vectors.Select(v => new Prediction(LinearModel.Sigmoid(LikedNeighbour.Dot(weights, v) + bias), LikedNeighbour.Nearest(liked, v, 2))).ToArray();
    }

    public byte[] Serialize() => EmbeddingModelFormat.Write(this);
}

using Konomi.TasteModels.Embedding;

namespace Konomi.TasteModels.Stacked;

/// <summary>
/// The sentence-embedding part of a stacked model: the encoder it was trained with, the block's length chosen in
/// training, the weights already multiplied by it (so scoring is one dot product with the cached embedding), and the
/// liked training works that explain a score by similarity.
/// </summary>
internal sealed record DenseBlock(string EncoderId, double Length, float[] Weights, IReadOnlyList<LikedNeighbour> Liked)
{
    public double Margin(float[] embedding) => LikedNeighbour.Dot(Weights, embedding);
}

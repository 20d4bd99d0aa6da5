using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Ngram;

namespace Konomi.TasteModels.Stacked;

/// <summary>
/// One logistic regression over the n-gram blocks and, when the encoder could read the user's text, a sentence-embedding
/// block: score = sigmoid(n-gram margin + dense margin + bias). Reasons are the n-gram reasons plus the nearest liked work.
/// Without a dense block it is the n-gram model, and <see cref="Composition"/> says why.
/// </summary>
internal sealed class StackedModel(NgramModel ngram, DenseBlock? dense, string composition, EmbeddingFamily encoder) : ITasteModel
{
    public string Family => StackedFamily.Name;

    public double Threshold => ngram.Threshold;

    /// <summary>What the model is made of, for the model card and the log: the blocks, or why the embedding is not one of them.</summary>
    public string Composition => composition;

    internal NgramModel Ngram => ngram;
    internal DenseBlock? Dense => dense;

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs)
    {
        if (dense is null) return ngram.Predict(inputs);
        var embeddings = encoder.Embed([.. inputs.Select(i => i.Text)]);
        var predictions = ngram.Predict(inputs, [.. embeddings.Select(dense.Margin)]);
        return [.. predictions.Select((p, i) => p with { Reasons = [.. p.Reasons, .. LikedNeighbour.Nearest(dense.Liked, embeddings[i], 1)] })];
    }

    public byte[] Serialize() => StackedModelFormat.Write(this);
}

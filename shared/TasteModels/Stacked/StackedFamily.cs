using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Learning;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Stacked;

/// <summary>
/// Dense features stacked with the n-gram features rather than replacing them: one logistic regression over the
/// <c>ngram</c> family's TF-IDF blocks plus the L2-normalised sentence embedding as a block of its own, whose length
/// (its weight against the text and facet blocks) is chosen by inner cross-validation on the training data, 0
/// included. Where the encoder cannot read the user's text (more unknown tokens than
/// <see cref="EmbeddingOptions.MaxUnknownTokenShare"/>, e.g. Japanese through MiniLM) it trains the n-gram model
/// and says so, instead of refusing the user. Embeddings come from the <see cref="EmbeddingFamily"/>'s cache.
/// </summary>
public sealed partial class StackedFamily(
    IOptions<StackedOptions> options,
    IOptions<NgramOptions> ngramOptions,
    IOptions<EmbeddingOptions> embeddingOptions,
    EmbeddingFamily encoder,
    ILogger<StackedFamily> logger) : ITasteModelFamily
{
    public const string Name = "stacked";

    private readonly NgramFamily _ngram = new(ngramOptions);

    string ITasteModelFamily.Name => Name;

    public ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct = default)
    {
        var texts = examples.Select(e => e.Input.Text).ToArray();
        var limit = embeddingOptions.Value.MaxUnknownTokenShare;
        var unknown = encoder.CountUnknown(texts);
        if (unknown.Share > limit)
        {
            var why = $"n-grams alone: the sentence encoder {UnknownTokenLimit.Describe(unknown, limit, UnknownTokenLimit.EmbeddingSetting)}";
            LogNgramsAlone(logger, why);
            var (vectorizer, head) = _ngram.TrainHead(examples, ct);
            return new StackedModel(_ngram.ModelOf(vectorizer, head), null, why, encoder);
        }

        var embeddings = encoder.Embed(texts);
        var liked = examples.Select(e => e.Liked).ToArray();
        var fits = options.Value.DenseWeightGrid
            .Select(length => (Length: length, Fit: _ngram.TrainHead(examples, ct, (rows, indices) => Stack(rows, indices, embeddings, length))))
            .ToArray();
        // Ranked out of fold inside the training data, as C and the threshold are; with too few labels for inner folds
        // there is nothing to rank on, and the embedding gets the same length as the text and facet blocks.
        var ranked = fits.Select(f => f.Fit.Head.OutOfFold is { } scores ? Ranking.AveragePrecision(scores, liked) : double.NaN).ToArray();
        var best = ranked.All(double.IsNaN)
            ? Math.Max(0, Array.IndexOf([.. fits.Select(f => f.Length)], 1.0))
            : Array.IndexOf(ranked, ranked.Where(r => !double.IsNaN(r)).Max());
        var (chosen, (ngramPart, chosenHead)) = fits[best];
        var tried = string.Join(", ", fits.Select((f, i) => $"{f.Length:0.##}: {ranked[i]:0.000}"));
        if (chosen == 0)
            return new StackedModel(_ngram.ModelOf(ngramPart, chosenHead), null,
                $"n-grams alone: inner cross-validation ranked the training labels best without the sentence embedding (AP by embedding weight {tried})", encoder);

        var width = ngramPart.Width;
        var denseWeights = new float[embeddings[0].Length];
        for (var d = 0; d < denseWeights.Length; d++) denseWeights[d] = (float)(chosenHead.Model.Weights[width + d] * chosen);
        var dense = new DenseBlock(encoder.ModelId, chosen, denseWeights, LikedNeighbour.Keep(examples, embeddings));
        return new StackedModel(_ngram.ModelOf(ngramPart, chosenHead), dense,
            $"n-grams + sentence embedding ({encoder.ModelId}) at weight {chosen:0.##}, chosen by inner cross-validation (AP by embedding weight {tried})", encoder);
    }

    public ITasteModel Deserialize(byte[] bytes) => StackedModelFormat.Read(bytes, encoder, () => encoder.ModelId);

    /// <summary>Each n-gram row followed by its example's embedding times <paramref name="length"/>, in columns after the n-grams'.</summary>
    private static SparseRows Stack(SparseRows ngram, int[] indices, IReadOnlyList<float[]> embeddings, double length)
    {
        if (length == 0) return ngram;
        var dimensions = embeddings[0].Length;
        var stacked = new SparseRows(ngram.Width + dimensions) { KeyColumns = ngram.KeyColumns };
        var columns = new int[dimensions];
        for (var d = 0; d < dimensions; d++) columns[d] = ngram.Width + d;
        var row = new List<int>();
        var values = new List<float>();
        for (var r = 0; r < ngram.Count; r++)
        {
            row.Clear();
            values.Clear();
            row.AddRange(ngram.Columns(r));
            values.AddRange(ngram.Values(r));
            row.AddRange(columns);
            foreach (var value in embeddings[indices[r]]) values.Add((float)(value * length));
            stacked.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(row), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
        }
        return stacked;
    }

    [LoggerMessage(1, LogLevel.Information, "stacked: {Why}")]
    static partial void LogNgramsAlone(ILogger logger, string why);
}

using Konomi.TasteModels.Learning;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// The default family: character n-grams (plus Latin words and facets) with TF-IDF weighting and a
/// class-weighted L2 logistic regression, trained in-process in milliseconds to a second.
/// </summary>
public sealed class NgramFamily(IOptions<NgramOptions> options) : ITasteModelFamily
{
    public const string Name = "ngram";

    private readonly NgramOptions _options = options.Value;

    string ITasteModelFamily.Name => Name;

    public ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct = default)
    {
        var (vectorizer, head) = TrainHead(examples, ct);
        return ModelOf(vectorizer, head);
    }

    /// <summary>The n-gram part of a fitted head: the vectorizer's columns come first, any stacked block's after them.</summary>
    internal NgramModel ModelOf(NgramVectorizer vectorizer, LinearHead head) => ModelOf(vectorizer, head.Model, head.Threshold);

    /// <inheritdoc cref="ModelOf(NgramVectorizer, LinearHead)"/>
    internal NgramModel ModelOf(NgramVectorizer vectorizer, LinearModel model, double threshold)
    {
        var weights = new float[vectorizer.Width];
        for (var j = 0; j < weights.Length; j++) weights[j] = (float)model.Weights[j];
        var presence = model.PresenceWeights is { } votes ? Array.ConvertAll(votes, v => (float)v) : null;
        return new NgramModel(vectorizer.WithPresence(presence), weights, model.Bias, threshold, _options.Reasons);
    }

    /// <summary>
    /// Texts are hashed once; each inner fold then fits its own vocabulary and idf on its training rows.
    /// <paramref name="stack"/> appends columns of another block to every feature row (the rows' indices in
    /// <paramref name="examples"/> given), in the final fit and in each inner fold alike.
    /// </summary>
    internal (NgramVectorizer Vectorizer, LinearHead Head) TrainHead(IReadOnlyList<Example> examples, CancellationToken ct, Func<SparseRows, int[], SparseRows>? stack = null)
    {
        var inputs = new TasteInput[examples.Count];
        var liked = new bool[examples.Count];
        for (var i = 0; i < examples.Count; i++) (inputs[i], liked[i]) = (examples[i].Input, examples[i].Liked);
        HashedInput[] hashed;
        using (TrainingTelemetry.Start("ngram.hash")) hashed = HashedInput.HashAll(inputs, _options);
        var all = Enumerable.Range(0, inputs.Length).ToArray();
        var minDocuments = _options.MinDocumentsFor(inputs.Length);
        var (vectorizer, x) = FitTransform(hashed, liked, all, minDocuments);
        var head = LinearHead.Train(Stacked(x, all), liked, _options.CGrid, _options.Threshold, ct, (train, held) =>
        {
            var (inner, trainRows) = FitTransform(hashed, liked, train, minDocuments);
            using (TrainingTelemetry.Start("ngram.transform")) return (Stacked(trainRows, train), Stacked(inner.Transform(hashed, held), held));
        }, _options.ChooseCBy, _options.StopAtRelativeDecrease, _options.VoteFor(inputs.Length));
        return (vectorizer, head);

        SparseRows Stacked(SparseRows rows, int[] indices) => stack?.Invoke(rows, indices) ?? rows;
    }

    private (NgramVectorizer Vectorizer, SparseRows Rows) FitTransform(HashedInput[] hashed, bool[] liked, int[] rows, int minDocuments)
    {
        NgramVectorizer vectorizer;
        using (TrainingTelemetry.Start("ngram.vocabulary")) vectorizer = NgramVectorizer.Fit(hashed, liked, rows, _options, minDocuments);
        using (TrainingTelemetry.Start("ngram.transform")) return (vectorizer, vectorizer.Transform(hashed, rows, liked));
    }

    public ITasteModel Deserialize(byte[] bytes) => NgramModelFormat.Read(bytes);
}

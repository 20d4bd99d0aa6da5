using Konomi.Contracts;

namespace Konomi.TasteModels.Ngram;

/// <summary>A trained <c>ngram</c> model: hashed TF-IDF features, logistic regression weights, a Naive-Bayes vote per key, a threshold.</summary>
internal sealed class NgramModel(NgramVectorizer vectorizer, float[] weights, double bias, double threshold, int reasons) : ITasteModel
{
    public string Family => NgramFamily.Name;

    public double Threshold => threshold;

    internal NgramVectorizer Vectorizer => vectorizer;
    internal float[] Weights => weights;
    internal double Bias => bias;

    internal int ReasonCount => reasons;

    /// <summary>
    /// Each input's features come from <see cref="NgramFeatures"/>, made once per input for every model that
    /// scores it; this model only looks up its columns, once per distinct key.
    /// </summary>
    public IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs) => Predict(inputs, null);

    /// <summary>Scores with <paramref name="margins"/> (one per input) added before the sigmoid: another block of a stacked model.</summary>
    internal IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs, IReadOnlyList<double>? margins)
    {
        float[] text = [], facets = [], likeRates = [];
        var predictions = new Prediction[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var features = NgramFeatures.Of(inputs[i], vectorizer.Shape);
            Grow(ref text, features.TextKeys.Length);
            Grow(ref facets, features.FacetKeys.Length);
            Grow(ref likeRates, features.FacetKeys.Length);
            var textPart = text.AsSpan(0, features.TextKeys.Length);
            var facetPart = facets.AsSpan(0, features.FacetKeys.Length);
            var likeRatePart = likeRates.AsSpan(0, features.FacetKeys.Length);
            var z = bias + (margins?[i] ?? 0)
                + vectorizer.TextContributions(features.TextKeys, features.TextTf, weights, textPart)
                + vectorizer.FacetContributions(features.FacetKeys, features.FacetFields, weights, facetPart)
                + vectorizer.LikeRateContributions(features.FacetKeys, features.FacetFieldNames, weights, likeRatePart);
            var reasonList = reasons > 0 ? NgramExplanation.Reasons(reasons, inputs[i], features, textPart, facetPart, likeRatePart) : [];
            predictions[i] = new Prediction(Learning.LinearModel.Sigmoid(z), reasonList);
        }
        return predictions;
    }

    public byte[] Serialize() => NgramModelFormat.Write(this);

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[Math.Max(length, buffer.Length * 2)];
    }
}

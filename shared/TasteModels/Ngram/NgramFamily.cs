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
        var inputs = examples.Select(e => e.Input).ToArray();
        var liked = examples.Select(e => e.Liked).ToArray();
        var vectorizer = NgramVectorizer.Fit(inputs, _options);
        var rows = vectorizer.Transform(inputs);
        var head = LinearHead.Train(rows, liked, _options.CGrid, _options.Threshold, ct);
        var weights = head.Model.Weights.Select(w => (float)w).ToArray();
        return new NgramModel(vectorizer, weights, head.Model.Bias, head.Threshold, _options.Reasons);
    }

    public ITasteModel Deserialize(byte[] bytes) => NgramModelFormat.Read(bytes);
}

using System.ComponentModel.DataAnnotations;

namespace Konomi.TasteModels.Stacked;

/// <summary>
/// Settings of the <c>stacked</c> family (configuration section <c>TasteModels:Stacked</c>). The n-gram block takes
/// its settings from <c>TasteModels:Ngram</c>, the encoder and its unknown-token limit from <c>TasteModels:Embedding</c>.
/// </summary>
public sealed class StackedOptions : IValidatableObject
{
    /// <summary>
    /// Lengths of the sentence-embedding block tried by inner cross-validation (the text and facet blocks have length 1).
    /// 0 is a candidate: a user whose training labels rank best without the embedding gets n-grams alone.
    /// </summary>
    public double[]? DenseWeights { get; set; }

    internal IReadOnlyList<double> DenseWeightGrid => DenseWeights is { Length: > 0 } ? DenseWeights : [0, 0.5, 1, 2];

    /// <summary>A negative length would turn the embedding block against itself; a NaN or infinite one cannot be fitted.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DenseWeights?.Any(w => !(w >= 0) || double.IsInfinity(w)) == true)
            yield return new($"{TasteModelOptions.StackedSection}:DenseWeights: every weight must be a number, 0 or above");
    }
}

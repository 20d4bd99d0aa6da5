using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Ngram;

/// <summary>Settings of the <c>ngram</c> family (configuration section <c>TasteModels:Ngram</c>).</summary>
public sealed class NgramOptions
{
    /// <summary>
    /// Shortest and longest character n-gram; Japanese needs no word segmentation this way. Single
    /// characters count only for kana and kanji, which carry meaning alone.
    /// </summary>
    public int MinN { get; set; } = 1;

    public int MaxN { get; set; } = 4;

    /// <summary>Also use whole Latin-script words (English tags, romaji), which char n-grams only approximate.</summary>
    public bool Words { get; set; } = true;

    /// <summary>Features seen in fewer training examples are dropped: they can only memorise, and they bloat the model.</summary>
    public int MinDocuments { get; set; } = 2;

    /// <summary>Length of the facet part of a vector relative to the text part (both L2-normalised).</summary>
    public double FacetWeight { get; set; } = 1.0;

    /// <summary>Inverse regularisation strengths tried by inner cross-validation; null means the defaults.</summary>
    public double[]? C { get; set; }

    public ThresholdRule Threshold { get; set; } = new();

    /// <summary>How many n-gram terms and facets a prediction names as reasons.</summary>
    public int Reasons { get; set; } = 5;

    internal IReadOnlyList<double> CGrid => C is { Length: > 0 } ? C : [1, 10];
}

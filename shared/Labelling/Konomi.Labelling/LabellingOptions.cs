using System.ComponentModel.DataAnnotations;

namespace Konomi.Labelling;

/// <summary>Section <c>Labelling</c>: cold-start scoring from preferences and popularity, and the annotator's question order.</summary>
public sealed class LabellingOptions
{
    public const string Section = "Labelling";

    /// <summary>Wishlist plus sales at which the popularity prior calls a work liked (score 0.5).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Labelling:PopularCount must be at least 1")]
    public int PopularCount { get; set; } = 300;

    /// <summary>
    /// Buyers one rating stands for, when a work's sales and wishlist counts are unknown (product.json has only
    /// ratings). Few buyers rate; 20 is a conservative reading of DLsite's public counts.
    /// </summary>
    [Range(0.001, double.MaxValue, ErrorMessage = "Labelling:BuyersPerRating must be positive")]
    public double BuyersPerRating { get; set; } = 20;

    /// <summary>
    /// Ask about the works the model is least sure of (uncertainty sampling) instead of in pool order. Off by default:
    /// in <c>benchmarks/run.sh labeling</c> (15 runs each, docs/models.md) it was not better than pool order across
    /// livedoor and MovieLens, alone or after a first screen.
    /// </summary>
    public bool ActiveLearning { get; set; }

    /// <summary>
    /// Size of the first screen: until a user has this many labels the annotator asks the works that cover the most
    /// circles, voice actors and genres not yet asked (<see cref="FacetSpread"/>), then goes on in pool order. 0 = pool
    /// order from the start, the default: in <c>benchmarks/run.sh labeling</c> (15 runs each, docs/models.md) a spread
    /// first screen of 20 needed no fewer labels to reach a target F1 than pool order; it shows a crawl's range first.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Labelling:FirstScreen must be 0 or more")]
    public int FirstScreen { get; set; }

    /// <summary>Labels, both answers present, before the annotator asks about the works the model is least sure of.</summary>
    [Range(2, int.MaxValue, ErrorMessage = "Labelling:ActiveLearningMinLabels must be at least 2")]
    public int ActiveLearningMinLabels { get; set; } = 10;

    /// <summary>New answers after which the annotator retrains its ordering model in the background.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Labelling:RetrainEvery must be at least 1")]
    public int RetrainEvery { get; set; } = 10;

    /// <summary>0..1: how much a question's likeness to the ones just asked pushes it back (0 = pure uncertainty).</summary>
    [Range(0, 1, ErrorMessage = "Labelling:Diversity must be between 0 and 1")]
    public double Diversity { get; set; } = 0.3;
}

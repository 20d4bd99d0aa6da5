namespace Konomi.Benchmarks.Labelling;

/// <summary>The question orders the labelling benchmark compares; the first screen's size is <see cref="LabellingRun.FirstScreen"/>.</summary>
public static class LabellingOrders
{
    /// <summary>The pool's own order, which says nothing about the labels: what the annotator does without help.</summary>
    public const string Random = "random";

    /// <summary>Facet spread all the way (<c>FacetSpread</c> for every label).</summary>
    public const string Spread = "spread";

    /// <summary>A spread first screen, then the pool's order: the annotator's <c>Labelling:FirstScreen</c>.</summary>
    public const string FirstScreen = "first-screen";

    /// <summary>10 in the pool's order, then uncertainty sampling with diversity: <c>Labelling:ActiveLearning</c>.</summary>
    public const string Active = "active";

    /// <summary>A spread first screen, then uncertainty sampling.</summary>
    public const string FirstScreenActive = "first-screen+active";

    public static readonly IReadOnlyList<string> All = [Random, Spread, FirstScreen, Active, FirstScreenActive];
}

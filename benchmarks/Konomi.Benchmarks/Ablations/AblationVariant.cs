using Konomi.TasteModels.Learning;
using Konomi.TasteModels.Ngram;

namespace Konomi.Benchmarks.Ablations;

/// <summary>One row of the ablation table: <c>ngram</c> settings, and whether items carry their facets (MovieLens genres and tags).</summary>
public sealed record AblationVariant(string Name, NgramOptions Options, bool Facets = false)
{
    /// <summary>The <c>ngram</c> settings before this table was made: C ∈ {1, 10} chosen by inner F1, one text block, no facet blocks, no NB scaling, no Naive-Bayes vote.</summary>
    public static NgramOptions Before() => new() { C = [1, 10], ChooseCBy = CChoice.F1, NaiveBayes = false, TitleApart = false, FacetFieldsApart = false, NaiveBayesVote = false };

    /// <summary>The baseline, then each change alone on top of it, then the defaults with facets (the product always passes a work's facets).</summary>
    public static IReadOnlyList<AblationVariant> All() =>
    [
        new("baseline (before)", Before()),
        new("C ∈ {0.1, 0.3, 1, 3, 10, 30}", With(o => o.C = [0.1, 0.3, 1, 3, 10, 30])),
        new("C by inner AP", With(o => o.ChooseCBy = CChoice.AveragePrecision)),
        new("C ∈ {0.3, 1, 3, 10} by inner AP", With(o => { o.C = [0.3, 1, 3, 10]; o.ChooseCBy = CChoice.AveragePrecision; })),
        new("NBSVM scaling", With(o => o.NaiveBayes = true)),
        new("title apart", With(o => o.TitleApart = true)),
        new("facets, one block", Before(), Facets: true),
        new("facets, each field apart", With(o => o.FacetFieldsApart = true), Facets: true),
        new("best-F1 cut always (SureOfCut 0)", With(o => o.Threshold = new() { SureOfCut = 0 })),
        new("defaults (with facets, as the product feeds works)", new NgramOptions(), Facets: true),
        new("defaults + facet like-rates (with facets)", new NgramOptions { FacetLikeRates = true }, Facets: true),
        new("defaults, text only (as the models benchmark)", new NgramOptions()),
        new("defaults + C by inner AP without the one-standard-error rule (the previous default)", new NgramOptions { ChooseCBy = CChoice.AveragePrecision }),
        new("defaults + C = 1 only", new NgramOptions { C = [1] }),
        new("defaults + C ∈ {0.3, 1, 3, 10}", new NgramOptions { C = [0.3, 1, 3, 10] }),
        new("defaults + word-bounded n-grams", new NgramOptions { WordBounded = true }),
        new("defaults + best-F1 cut always (SureOfCut 0)", new NgramOptions { Threshold = new() { SureOfCut = 0 } }),
        new("defaults + fits end at a relative decrease of 1e-7", new NgramOptions { StopAtRelativeDecrease = 1e-7 }),
        new("defaults + fits end at a relative decrease of 1e-6", new NgramOptions { StopAtRelativeDecrease = 1e-6 }),
        new("defaults + inner folds dealt once (the previous default)", new NgramOptions { Threshold = new() { OutOfFoldScores = 0 } }),
        new("defaults + the check against posting everything at every size (the previous default)", new NgramOptions { Threshold = new() { GuardedBelow = int.MaxValue } }),
        new("defaults + MinDocuments 1", new NgramOptions { MinDocuments = 1 }),
        new("defaults + MinDocuments 2 at every size (the previous default)", new NgramOptions { EveryFeatureBelow = 0 }),
        new("defaults + every feature below 1000 works", new NgramOptions { EveryFeatureBelow = 1000 }),
        new("defaults + every feature below 3000 works", new NgramOptions { EveryFeatureBelow = 3000 }),
        new("defaults + no whole words", new NgramOptions { Words = false }),
        new("defaults without the Naive-Bayes vote", new NgramOptions { NaiveBayesVote = false }),
        new("defaults + vote weight 1 (the previous default)", new NgramOptions { NaiveBayesVoteWeight = 1 }),
        new("defaults + the peer's n-grams (2-4, word-bounded, no words, MinDocuments 1)", new NgramOptions { MinN = 2, WordBounded = true, Words = false, MinDocuments = 1 }),
    ];

    /// <summary>The baseline and the variants whose name contains one of <paramref name="parts"/> (all of them when none are given).</summary>
    public static IReadOnlyList<AblationVariant> Named(IReadOnlyCollection<string>? parts) =>
        parts is not { Count: > 0 } ? All() : [.. All().Where((v, i) => i == 0 || parts.Any(p => v.Name.Contains(p, StringComparison.OrdinalIgnoreCase)))];

    private static NgramOptions With(Action<NgramOptions> change)
    {
        var options = Before();
        change(options);
        return options;
    }
}

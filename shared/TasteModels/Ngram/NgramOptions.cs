using System.ComponentModel.DataAnnotations;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Ngram;

/// <summary>Settings of the <c>ngram</c> family (configuration section <c>TasteModels:Ngram</c>).</summary>
public sealed class NgramOptions : IValidatableObject
{
    /// <summary>
    /// Shortest and longest character n-gram; Japanese needs no word segmentation this way. Single
    /// characters count only for kana and kanji, which carry meaning alone.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "TasteModels:Ngram:MinN must be at least 1")]
    public int MinN { get; set; } = 1;

    public int MaxN { get; set; } = 4;

    /// <summary>Also use whole Latin-script words (English tags, romaji), which char n-grams only approximate.</summary>
    public bool Words { get; set; } = true;

    /// <summary>
    /// Character n-grams stop at spaces: each is inside one space-separated word, with the space before or after it
    /// (scikit-learn's <c>char_wb</c>). Without it n-grams run across spaces too. Japanese without spaces is unchanged.
    /// </summary>
    public bool WordBounded { get; set; }

    /// <summary>Features seen in fewer training examples are dropped: they can only memorise, and they bloat the model.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "TasteModels:Ngram:MinDocuments must be at least 1")]
    public int MinDocuments { get; set; } = 2;

    /// <summary>
    /// Training sets of fewer than this many works keep every feature seen in training (<see cref="MinDocuments"/> 1).
    /// A few hundred works seldom see a telling n-gram twice, least of all in short Japanese titles: livedoor titles at
    /// 150 articles 0.613 → 0.684 F1 (the peer 0.658), 48 of 74 cross-validated settings at or above the peer (46 before),
    /// +0.20 F1 summed over the 7 livedoor readers of the loop's replay. A large set gains little from its singletons
    /// and pays for them in training time (docs/models.md, "Every feature for small training sets"). The size of the
    /// whole training set decides, so the inner folds fit their features as the served model does.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "TasteModels:Ngram:EveryFeatureBelow must not be negative")]
    public int EveryFeatureBelow { get; set; } = 300;

    /// <summary>The <see cref="MinDocuments"/> for a training set of <paramref name="works"/> works.</summary>
    internal int MinDocumentsFor(int works) => works < EveryFeatureBelow ? 1 : MinDocuments;

    /// <summary>Length of the facet part of a vector relative to the text part (both L2-normalised).</summary>
    [Range(0, double.MaxValue, ErrorMessage = "TasteModels:Ngram:FacetWeight must not be negative")]
    public double FacetWeight { get; set; } = 1.0;

    /// <summary>
    /// Scale each feature by its Naive-Bayes log-count ratio, ln((α+df⁺)/‖α+df⁺‖₁ ÷ (α+df⁻)/‖α+df⁻‖₁) with α = 1, fitted on
    /// the training rows only (NBSVM, Wang &amp; Manning 2012): n-grams that separate likes from the rest weigh more
    /// before regularisation sees them. Saved with the model, so scoring applies the same scaling.
    /// </summary>
    public bool NaiveBayes { get; set; }

    /// <summary>
    /// Add a Naive-Bayes vote over which n-grams and facets a work holds to the logistic regression's score
    /// (<see cref="Learning.NaiveBayesVote"/>), in the inner folds and the served model alike. On by default: it ranked
    /// better than the regression alone on most users and most on those who like few works (docs/models.md,
    /// "A Naive-Bayes vote beside the regression").
    /// </summary>
    public bool NaiveBayesVote { get; set; } = true;

    /// <summary>
    /// Training sets of fewer works than this get no vote (<see cref="NaiveBayesVote"/>); the whole set's size decides,
    /// inner folds included. Below it a key's counts are mostly 0 or 1, and in the loop's first models on livedoor the
    /// vote cost F1 (seven readers, 2.643 → 2.561 summed; with the vote from 100 works 2.675). No cross-validated set here
    /// is that small (docs/learning-loop.md, "A Naive-Bayes vote in the loop").
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "TasteModels:Ngram:NaiveBayesVoteFrom must not be negative")]
    public int NaiveBayesVoteFrom { get; set; } = 100;

    /// <summary>
    /// The vote's weight beside the regression's margin, each standardised on the training rows. 0.7 rather than 1:
    /// cross-validated on 74 settings it is level on count (52 at or above the peer either way, none clearly behind)
    /// and nearly halves the largest loss (0.037 → 0.020); in the loop's replays it gains on MovieLens and is level on livedoor (docs/models.md, "The vote's weight").
    /// Equal spread on the training rows is not equal say on new works: each part fits its own training rows differently.
    /// </summary>
    [Range(0, double.MaxValue, ErrorMessage = "TasteModels:Ngram:NaiveBayesVoteWeight must not be negative")]
    public double NaiveBayesVoteWeight { get; set; } = 0.7;

    /// <summary>The vote's weight for a training set of <paramref name="works"/>, or null when it gets no vote.</summary>
    internal double? VoteFor(int works) => NaiveBayesVote && works >= NaiveBayesVoteFrom ? NaiveBayesVoteWeight : null;

    /// <summary>
    /// The first line of the text (the title) as its own L2 block instead of sharing one block with the rest: a long
    /// description then no longer shrinks the title's n-grams. Title n-grams get their own columns.
    /// </summary>
    public bool TitleApart { get; set; }

    /// <summary>
    /// Each facet field (circle, voice actor, series, genre, age, …) as its own L2 block of length <see cref="FacetWeight"/>,
    /// instead of one block for every facet: a work listing ten genres then no longer shrinks its circle and voice actor.
    /// </summary>
    public bool FacetFieldsApart { get; set; }

    /// <summary>
    /// One column per facet field (circle, voice actor, series, genre, …) after the n-grams: the mean smoothed log-odds
    /// lift of the work's facets of that field among this user's labels (<see cref="Ngram.FacetLikeRates"/>), counted on
    /// the training rows only, each training row leaving its own label out. Saved with the model; a facet's share is
    /// added to its reason ("circle: X").
    /// </summary>
    public bool FacetLikeRates { get; set; }

    /// <summary>Inverse regularisation strengths tried by inner cross-validation; null means the defaults.</summary>
    public double[]? C { get; set; }

    /// <summary>
    /// What inner cross-validation compares to pick C. By default average precision with the one-standard-error rule:
    /// over 16 MovieLens users (9 drawn fresh) and livedoor it raised mean AP from 0.618 to 0.628 (the peer: 0.621) and the
    /// settings at or above the peer's F1 from 7 to 11 of 18, where plain AP took C = 10 on luck (docs/models.md, "The
    /// one-standard-error rule for C"). F1 at each C's own best cut adds that cut's luck to the choice.
    /// </summary>
    public CChoice ChooseCBy { get; set; } = CChoice.OneStandardError;

    /// <summary>
    /// The logistic regression's fit ends when a step lowers its objective by at most this share of it. 10⁻⁶ rather than
    /// scikit-learn's <see cref="LogisticRegression.DefaultRelativeDecrease"/>: the same rankings to the third decimal of
    /// AP on 18 settings, and 243 L-BFGS iterations instead of 439 on all livedoor titles (docs/models.md, "What ends the fits").
    /// The workspace's shared model (<c>SharedNgramFamily</c>) fits with it too.
    /// </summary>
    [Range(double.Epsilon, 1, ErrorMessage = "TasteModels:Ngram:StopAtRelativeDecrease must be above 0 and at most 1")]
    public double StopAtRelativeDecrease { get; set; } = 1e-6;

    public ThresholdRule Threshold { get; set; } = new();

    /// <summary>How many n-gram terms and facets a prediction names as reasons.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "TasteModels:Ngram:Reasons must not be negative")]
    public int Reasons { get; set; } = 5;

    internal IReadOnlyList<double> CGrid => C is { Length: > 0 } ? C : [1, 10];

    /// <summary>What the annotations cannot say, checked on start with them.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        const string section = TasteModelOptions.NgramSection;
        if (MaxN < MinN) yield return new($"{section}:MaxN must be at least MinN ({MinN})");
        if (StrengthsProblem($"{section}:C", C) is { } strengths) yield return new(strengths);
        foreach (var problem in Threshold.Problems($"{section}:Threshold")) yield return new(problem);
    }

    /// <summary>Inverse regularisation strengths must be positive numbers: a zero or negative one cannot be fitted.</summary>
    internal static string? StrengthsProblem(string key, double[]? strengths) =>
        strengths?.Any(c => !(c > 0) || double.IsInfinity(c)) == true ? $"{key}: every strength must be a number above 0" : null;
}

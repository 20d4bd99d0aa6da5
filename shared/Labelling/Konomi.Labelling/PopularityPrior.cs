using System.Globalization;
using Konomi.Contracts;
using Microsoft.Extensions.Options;

namespace Konomi.Labelling;

/// <summary>
/// What a user with no labels and no preferences gets: the crowd's taste. Score n / (n + PopularCount) for
/// n = wishlist + sales, so a work reaches the 0.5 threshold at <see cref="LabellingOptions.PopularCount"/>.
/// </summary>
public sealed class PopularityPrior(IOptions<LabellingOptions> options)
{
    public const string Source = "popularity";

    public PreferenceVerdict? Judge(Work work)
    {
        if (work.Popularity is not { } p || (p.Wishlist is null && p.Sales is null)) return null;
        var count = (p.Wishlist ?? 0) + (p.Sales ?? 0);
        var score = (double)count / (count + options.Value.PopularCount);
        var text = string.Create(CultureInfo.InvariantCulture, $"popularity: {p.Wishlist ?? 0:N0} wishlisted, {p.Sales ?? 0:N0} sold");
        return new(score, PreferenceScorer.Threshold, score >= PreferenceScorer.Threshold, Source, [new ScoreReason(Source, text, score)]);
    }
}

using System.Globalization;
using Konomi.Contracts;
using Microsoft.Extensions.Options;

namespace Konomi.Labelling;

/// <summary>
/// What a user with no labels and no preferences gets: the crowd's taste. Score n / (n + PopularCount) for
/// n = wishlist + sales, so a work reaches the 0.5 threshold at <see cref="LabellingOptions.PopularCount"/>.
/// The crawl reads product.json, which carries ratings but not sales or wishlist counts; then n is the rating
/// count times <see cref="LabellingOptions.BuyersPerRating"/>, scaled by the average rating out of 5.
/// </summary>
public sealed class PopularityPrior(IOptions<LabellingOptions> options)
{
    public const string Source = "popularity";

    public PreferenceVerdict? Judge(Work work)
    {
        if (work.Popularity is not { } p) return null;
        var o = options.Value;
        double count;
        string text;
        if (p.Wishlist is not null || p.Sales is not null)
        {
            count = (p.Wishlist ?? 0) + (p.Sales ?? 0);
            text = string.Create(CultureInfo.InvariantCulture, $"popularity: {p.Wishlist ?? 0:N0} wishlisted, {p.Sales ?? 0:N0} sold");
        }
        else if (p.RatingCount is > 0 and var ratings)
        {
            count = ratings * o.BuyersPerRating * (p.RatingAverage is { } average ? Math.Clamp(average / 5, 0, 1) : 1);
            text = string.Create(CultureInfo.InvariantCulture, $"popularity: {ratings:N0} ratings") +
                (p.RatingAverage is { } shown ? string.Create(CultureInfo.InvariantCulture, $", average {shown:0.0}") : "");
        }
        else
            return null;
        var score = count / (count + o.PopularCount);
        return new(score, PreferenceScorer.Threshold, score >= PreferenceScorer.Threshold, Source, [new ScoreReason(Source, text, score)]);
    }
}

namespace Konomi.Contracts;

/// <summary>DLsite's public counts for a work at crawl time.</summary>
public sealed record Popularity(int? Sales, int? Wishlist, double? RatingAverage, int? RatingCount);

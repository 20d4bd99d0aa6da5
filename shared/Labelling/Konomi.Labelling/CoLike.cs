namespace Konomi.Labelling;

/// <summary>A work the person liked, how many other people liked it and the candidate both, and their share of its likers.</summary>
public sealed record CoLike(string LikedWorkId, int People, double Share);

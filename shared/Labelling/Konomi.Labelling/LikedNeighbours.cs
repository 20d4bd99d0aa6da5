using Konomi.Contracts;
using Konomi.TasteModels.Input;

namespace Konomi.Labelling;

/// <summary>
/// The works a user marked 興味あり, for "like ◯◯, which you marked 興味あり": the liked work whose model text is
/// nearest by character-bigram cosine, when it is near enough to be a real likeness. The serving path keeps one
/// per user in memory, so it holds only each liked work's id, title and compact vector.
/// </summary>
public sealed class LikedNeighbours(TasteInputBuilder inputs, IReadOnlyList<Work> liked)
{
    public const string Source = "similar";
    const double MinimumLikeness = 0.3;

    readonly List<(string Id, string Title, BigramVector Vector)> _liked = [.. liked.Select(w => (w.Id, w.Title, BigramVector.Of(inputs.Build(w).Text)))];

    /// <summary>How many works the user had marked 興味あり.</summary>
    public int Count => _liked.Count;

    /// <summary>Memory held: each liked work's vector, id and title.</summary>
    public long Bytes => _liked.Sum(l => l.Vector.Bytes + sizeof(char) * (long)(l.Id.Length + l.Title.Length));

    public ScoreReason? Explain(Work work) => Explain(work.Id, BigramVector.Of(inputs.Build(work).Text));

    /// <summary>With the work's vector already made (once per work, for every user that likes it).</summary>
    public ScoreReason? Explain(string workId, BigramVector vector)
    {
        var (title, likeness) = (default(string), double.MinValue);
        foreach (var (id, likedTitle, likedVector) in _liked)
        {
            if (id == workId) continue;
            var cosine = vector.Cosine(likedVector);
            if (cosine > likeness) (title, likeness) = (likedTitle, cosine);
        }
        return title is not null && likeness >= MinimumLikeness
            ? new ScoreReason(Source, $"like {title}, which you marked 興味あり", likeness)
            : null;
    }
}

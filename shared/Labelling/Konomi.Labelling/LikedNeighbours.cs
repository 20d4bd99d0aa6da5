using Konomi.Contracts;
using Konomi.TasteModels.Input;

namespace Konomi.Labelling;

/// <summary>
/// The works a user marked 興味あり, for "like ◯◯, which you marked 興味あり": the liked work whose model text is
/// nearest by character-bigram cosine, when it is near enough to be a real likeness.
/// </summary>
public sealed class LikedNeighbours(TasteInputBuilder inputs, IReadOnlyList<Work> liked)
{
    public const string Source = "similar";
    const double MinimumLikeness = 0.3;

    readonly List<(Work Work, Dictionary<string, double> Vector)> _liked = [.. liked.Select(w => (w, TextVectors.Of(inputs.Build(w).Text)))];

    public ScoreReason? Explain(Work work)
    {
        var vector = TextVectors.Of(inputs.Build(work).Text);
        var nearest = _liked.Where(l => l.Work.Id != work.Id)
            .Select(l => (l.Work, Likeness: TextVectors.Cosine(vector, l.Vector)))
            .DefaultIfEmpty()
            .MaxBy(l => l.Likeness);
        return nearest.Work is not null && nearest.Likeness >= MinimumLikeness
            ? new ScoreReason(Source, $"like {nearest.Work.Title}, which you marked 興味あり", nearest.Likeness)
            : null;
    }
}

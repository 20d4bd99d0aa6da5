using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels;

namespace Konomi.Labelling;

/// <summary>
/// "People who liked ◯◯ also liked this" (item-to-item co-likes, Amazon's SIMS idea) from everyone's 興味あり labels.
/// For a person and a work it finds the work they liked that most other people liked together with it. Only
/// counts leave here, never who: a pair is named only when at least <see cref="MinPeople"/> other people liked both,
/// so a reason cannot point at one colleague; people who do not share are counted for nobody.
/// </summary>
public sealed class CoLikes
{
    public const string Source = "co-like";
    public const int MinPeople = 2;

    /// <summary>How many of the person's most similar liked works <see cref="Strength"/> averages over.</summary>
    public const int Neighbours = 5;

    readonly Dictionary<string, HashSet<string>> _likers = [];
    readonly Dictionary<string, List<string>> _liked = [];

    public CoLikes(IEnumerable<Label> labels, IReadOnlySet<string> sharing)
    {
        foreach (var label in labels.Where(l => l.Interested && sharing.Contains(l.UserId)).OrderBy(l => l.WorkId, StringComparer.Ordinal))
        {
            if (!_likers.TryGetValue(label.WorkId, out var likers)) _likers[label.WorkId] = likers = [];
            likers.Add(label.UserId);
            if (!_liked.TryGetValue(label.UserId, out var liked)) _liked[label.UserId] = liked = [];
            liked.Add(label.WorkId);
        }
    }

    /// <summary>
    /// The person's liked work most often liked together with <paramref name="workId"/> by other people; its weight is
    /// the share of the others who liked that work and liked this one too. Null below <see cref="MinPeople"/>.
    /// </summary>
    public CoLike? Strongest(string userId, string workId)
    {
        if (!_likers.TryGetValue(workId, out var likers) || !_liked.TryGetValue(userId, out var mine)) return null;
        CoLike? best = null;
        foreach (var liked in mine)
        {
            if (liked == workId) continue;
            var others = _likers[liked].Where(p => p != userId).ToList();
            var people = others.Count(likers.Contains);
            if (people < MinPeople) continue;
            var share = (double)people / others.Count;
            if (best is null || people > best.People || (people == best.People && share > best.Share)) best = new CoLike(liked, people, share);
        }
        return best;
    }

    /// <summary>
    /// How strongly other people's likes tie <paramref name="workId"/> to what the person liked (item-to-item
    /// collaborative filtering): for each of the person's liked works, the cosine between its other likers and the
    /// work's other likers; the mean of the <see cref="Neighbours"/> highest. 0 when nobody else liked the work.
    /// The person's own likes only choose the neighbours: their answer on <paramref name="workId"/> is never read.
    /// </summary>
    public double Strength(string userId, string workId)
    {
        if (!_likers.TryGetValue(workId, out var likers) || !_liked.TryGetValue(userId, out var mine)) return 0;
        var others = likers.Count - (likers.Contains(userId) ? 1 : 0);
        if (others == 0) return 0;
        var best = new PriorityQueue<double, double>(Neighbours + 1);
        foreach (var liked in mine)
        {
            if (liked == workId) continue;
            var theirs = _likers[liked];
            var common = theirs.Count(p => p != userId && likers.Contains(p));
            if (common == 0) continue;
            var cosine = common / Math.Sqrt((double)others * (theirs.Count - 1));
            best.Enqueue(cosine, cosine);
            if (best.Count > Neighbours) best.Dequeue();
        }
        var sum = 0.0;
        while (best.TryDequeue(out var cosine, out _)) sum += cosine;
        return sum / Neighbours;
    }

    /// <summary>
    /// <see cref="Strength"/> as a model feature: a facet naming its tenth (「co-like」 0.3 for 0.30-0.39), none at 0,
    /// so a linear model can weigh weak and strong co-likes apart.
    /// </summary>
    public Facet? Facet(string userId, string workId) =>
        Strength(userId, workId) is > 0 and var strength
            ? new Facet(Source, (Math.Min(Math.Floor(strength * 10), 9) / 10).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))
            : null;

    /// <summary>What Slack shows: the person's own liked work, never anyone else's name or count.</summary>
    public static ScoreReason Reason(CoLike coLike, string likedTitle) =>
        new(Source, $"「{likedTitle}」が好きな人はこの作品も好き", coLike.Share);
}

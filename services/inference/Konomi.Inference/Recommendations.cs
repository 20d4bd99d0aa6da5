using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Input;

namespace Konomi.Inference;

/// <summary>
/// The stored works a user has neither labelled nor been sent, ranked by how they score now (their model, else
/// preferences or popularity): liked first, then no verdict, then not liked, each by score.
/// </summary>
public sealed class Recommendations(IWorkStore works, ILabelStore labels, INotificationStore notifications, WorkScorer scorer, TasteInputBuilder inputs)
{
    /// <summary>The best <paramref name="top"/> of the newest <paramref name="pool"/> stored works; empty when every one is labelled or sent.</summary>
    public async Task<IReadOnlyList<Recommendation>> RankAsync(UserProfile user, int top, int pool, CancellationToken ct)
    {
        var labelled = await labels.ListAsync(user.UserId, ct);
        var seen = labelled.Select(l => l.WorkId)
            .Concat(await notifications.ListWorkIdsAsync(user.UserId, NotificationStatus.Sent, ct))
            .ToHashSet();
        var candidates = (await works.ListAsync(null, pool, ct)).Where(w => !seen.Contains(w.Id)).ToList();
        if (candidates.Count == 0) return [];
        var liked = await works.FindManyAsync(labelled.Where(l => l.Interested).Select(l => l.WorkId), ct);
        var neighbours = new LikedNeighbours(inputs, [.. liked.Values]);
        var byId = candidates.ToDictionary(w => w.Id);
        var scores = await scorer.ScoreAsync(WorkScorer.OnRequest, candidates, [user], ct);
        return [.. scores
            .OrderBy(s => s.Liked switch { true => 0, null => 1, false => 2 }).ThenByDescending(s => s.Score)
            .Take(top)
            .Select(s => new Recommendation(byId[s.WorkId], s, neighbours.Explain(byId[s.WorkId])))];
    }
}

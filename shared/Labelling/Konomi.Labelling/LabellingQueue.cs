using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels;

namespace Konomi.Labelling;

/// <summary>
/// Where a user's labelling stands: their current labels joined with the stored works, and the pool's works
/// not yet labelled in question order (a spread first screen, then pool order; or least sure first once <see cref="QuestionOrder"/> can train
/// a model). <c>konomi label</c> and the web app's labelling page both start from here.
/// </summary>
public sealed class LabellingQueue(ILabelStore labels, IWorkStore works, QuestionOrder order)
{
    public async Task<LabellingState> LoadAsync(string userId, IReadOnlyList<Work> pool, CancellationToken ct)
    {
        var current = await labels.ListAsync(userId, ct);
        var stored = await works.FindManyAsync(current.Select(l => l.WorkId), ct);
        var labelled = current.Where(l => stored.ContainsKey(l.WorkId)).Select(l => (Work: stored[l.WorkId], Liked: l.Interested)).ToList();
        var answered = labelled.Select(l => l.Work.Id).ToHashSet();
        var pending = pool.Where(w => !answered.Contains(w.Id)).ToList();
        var model = order.Train(labelled, ct);
        pending = [.. model is null ? order.Spread(labelled, pending) : order.Order(model, pending)];
        return new LabellingState(labelled, pending, model);
    }
}

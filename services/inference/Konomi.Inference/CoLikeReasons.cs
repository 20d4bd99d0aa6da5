using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;

namespace Konomi.Inference;

/// <summary>
/// "「◯◯」が好きな人はこの作品も好き" reasons for one batch: co-likes from the current labels of everyone who shares,
/// read once per batch (a click between batches shows in the next one), named by the person's own liked work.
/// </summary>
public sealed class CoLikeReasons(ILabelStore labels, IWorkStore works, IUserStore users)
{
    public async Task<IReadOnlyDictionary<(string UserId, string WorkId), ScoreReason>> ForBatchAsync(IReadOnlyList<Work> batch, IReadOnlyList<UserProfile> scored, CancellationToken ct)
    {
        var sharing = (await users.ListAsync(ct)).Where(u => u.Shared).Select(u => u.UserId).ToHashSet();
        if (sharing.Count < CoLikes.MinPeople + 1) return new Dictionary<(string, string), ScoreReason>();
        var coLikes = new CoLikes(await labels.ListAsync(ct: ct), sharing);
        var found = (from user in scored
                     where sharing.Contains(user.UserId)
                     from work in batch
                     let coLike = coLikes.Strongest(user.UserId, work.Id)
                     where coLike is not null
                     select (user.UserId, WorkId: work.Id, CoLike: coLike)).ToList();
        if (found.Count == 0) return new Dictionary<(string, string), ScoreReason>();
        var liked = await works.FindManyAsync(found.Select(f => f.CoLike.LikedWorkId).Distinct(), ct);
        return found.Where(f => liked.ContainsKey(f.CoLike.LikedWorkId))
            .ToDictionary(f => (f.UserId, f.WorkId), f => CoLikes.Reason(f.CoLike, liked[f.CoLike.LikedWorkId].Title));
    }
}

using Konomi.Storage.Ports;

namespace Konomi.Trainer;

/// <summary>
/// Finds users whose labels changed after their latest model was registered (or who have none yet): a label newer than
/// the model, or more or fewer labels of stored works than it learned from. A label can reach the store after the model
/// yet be dated before it (a labels import of an older export, a click Slack delivered late), so its time alone misses it.
/// </summary>
public sealed class LabelChanges(ILabelStore labels, IWorkStore works, ITasteModelRegistry registry)
{
    public async Task<IReadOnlyList<string>> UsersToRetrainAsync(CancellationToken ct)
    {
        var users = new List<string>();
        foreach (var user in await labels.ListUsersAsync(ct))
        {
            var latest = (await registry.ListAsync(user, ct)).FirstOrDefault();
            var current = await labels.ListAsync(user, ct);
            if (latest is null || current.Max(l => l.LabeledAt) > latest.CreatedAt
                || (await works.FindKnownAsync(current.Select(l => l.WorkId), ct)).Count != latest.Metrics.Examples)
                users.Add(user);
        }
        return users;
    }
}

using Konomi.Storage.Ports;

namespace Konomi.Trainer;

/// <summary>Finds users whose labels changed after their latest model was registered (or who have none yet).</summary>
public sealed class LabelChanges(ILabelStore labels, ITasteModelRegistry registry)
{
    public async Task<IReadOnlyList<string>> UsersToRetrainAsync(CancellationToken ct)
    {
        var users = new List<string>();
        foreach (var user in await labels.ListUsersAsync(ct))
        {
            var latest = (await registry.ListAsync(user, ct)).FirstOrDefault();
            var newest = (await labels.ListAsync(user, ct)).Max(l => l.LabeledAt);
            if (latest is null || newest > latest.CreatedAt)
                users.Add(user);
        }
        return users;
    }
}

using Konomi.Storage.Ports;

namespace Konomi.Inference;

/// <summary>Who a work is scored for: every active user, or one named user (who may have no profile yet).</summary>
public sealed class Audience(IUserStore users)
{
    public async Task<IReadOnlyList<UserProfile>> ListAsync(string? userId, CancellationToken ct)
    {
        if (userId is not null)
            return [await users.FindAsync(userId, ct) ?? new UserProfile(userId)];
        return [.. (await users.ListAsync(ct)).Where(u => u.Active)];
    }
}

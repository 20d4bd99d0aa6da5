namespace Konomi.Storage.Ports;

/// <summary>Who gets what, where.</summary>
public interface IUserStore
{
    Task UpsertAsync(UserProfile profile, CancellationToken ct = default);

    Task<UserProfile?> FindAsync(string userId, CancellationToken ct = default);

    Task<IReadOnlyList<UserProfile>> ListAsync(CancellationToken ct = default);
}

using Konomi.Contracts;

namespace Konomi.Storage.Ports;

/// <summary>Scores, one per (work, user, model id, model version).</summary>
public interface IScoreStore
{
    /// <summary>False when that key was already scored.</summary>
    Task<bool> AddAsync(WorkScored score, CancellationToken ct = default);

    Task<IReadOnlyList<WorkScored>> ListAsync(string userId, int limit = 100, CancellationToken ct = default);
}

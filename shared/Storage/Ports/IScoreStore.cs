using Konomi.Contracts;

namespace Konomi.Storage.Ports;

/// <summary>Scores, one per (work, user, model id, model version).</summary>
public interface IScoreStore
{
    /// <summary>False when that key was already scored.</summary>
    Task<bool> AddAsync(WorkScored score, CancellationToken ct = default);

    /// <summary>
    /// Stores a batch in one round trip (one transaction on SQLite, one unordered insert on MongoDB); returns the
    /// scores that were new, in order. Keys already scored, in the store or earlier in the batch, are left as they are.
    /// </summary>
    Task<IReadOnlyList<WorkScored>> AddManyAsync(IReadOnlyList<WorkScored> scores, CancellationToken ct = default);

    Task<IReadOnlyList<WorkScored>> ListAsync(string userId, int limit = 100, CancellationToken ct = default);
}

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

    /// <summary>The user's newest scores, newest first (the web app's picks).</summary>
    Task<IReadOnlyList<WorkScored>> ListAsync(string userId, int limit = 100, CancellationToken ct = default);

    /// <summary>
    /// The user's scores of these works in one crawl run, by work id: what a notification of that run shows.
    /// A work scored twice in the run (a redelivered batch met a newly promoted model) answers with its newest score.
    /// </summary>
    Task<IReadOnlyDictionary<string, WorkScored>> FindRunAsync(string userId, Guid crawlRunId, IEnumerable<string> workIds, CancellationToken ct = default);
}

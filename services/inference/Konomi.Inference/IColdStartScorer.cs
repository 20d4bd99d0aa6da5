using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Inference;

/// <summary>
/// Scores works for a user who has no serving model yet; <see cref="PreferenceColdStartScorer"/> by default
/// (explicit preferences, else the popularity prior, else no verdict).
/// </summary>
public interface IColdStartScorer
{
    Task<IReadOnlyList<WorkScored>> ScoreAsync(Guid crawlRunId, UserProfile user, IReadOnlyList<Work> works, CancellationToken ct);
}

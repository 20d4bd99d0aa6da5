using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Inference;

/// <summary>
/// Scores works for a user who has no serving model yet. The seam for explicit preferences and the
/// popularity prior (issue 10); until then <see cref="NoVerdictColdStartScorer"/> gives no verdict.
/// </summary>
public interface IColdStartScorer
{
    Task<IReadOnlyList<WorkScore>> ScoreAsync(UserProfile user, IReadOnlyList<Work> works, CancellationToken ct);
}

using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Inference;

/// <summary>Without a model there is nothing to go on: a score with no verdict, which is never notified.</summary>
public sealed class NoVerdictColdStartScorer : IColdStartScorer
{
    public const string ModelId = "none";

    public Task<IReadOnlyList<WorkScore>> ScoreAsync(UserProfile user, IReadOnlyList<Work> works, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<WorkScore>>(
            [.. works.Select(w => new WorkScore(w.Id, user.UserId, 0, 0, null, ModelId, 0, []))]);
}

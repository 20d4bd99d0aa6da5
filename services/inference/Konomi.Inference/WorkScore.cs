using Konomi.Contracts;

namespace Konomi.Inference;

/// <summary>One user's score for one work, before it belongs to a crawl run.</summary>
public sealed record WorkScore(
    string WorkId,
    string UserId,
    double Score,
    double Threshold,
    bool? Liked,
    string ModelId,
    int ModelVersion,
    IReadOnlyList<ScoreReason> Reasons,
    double? ExplorationProbability = null)
{
    public WorkScored ToMessage(Guid crawlRunId) =>
        new(crawlRunId, WorkId, UserId, Score, Threshold, Liked, ModelId, ModelVersion, Reasons, ExplorationProbability);
}

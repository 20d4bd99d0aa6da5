namespace Konomi.Contracts;

/// <summary>
/// One user's verdict on one work. <see cref="Liked"/> is null when the user has no model and no
/// preferences yet: a score without a verdict is never notified.
/// </summary>
public sealed record WorkScored(
    Guid CrawlRunId,
    string WorkId,
    string UserId,
    double Score,
    double Threshold,
    bool? Liked,
    string ModelId,
    int ModelVersion,
    IReadOnlyList<ScoreReason> Reasons);

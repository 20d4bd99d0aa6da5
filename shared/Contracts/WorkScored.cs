namespace Konomi.Contracts;

/// <summary>
/// One user's verdict on one work. <see cref="Liked"/> is null when the user has no model and no
/// preferences yet: a score without a verdict is never notified. <see cref="ExplorationProbability"/> is set on a
/// work the model would not post that was picked to post anyway ("trying something new"): the probability it was
/// picked with, so evaluation can weigh what such posts teach. Inference stores every score but publishes this
/// message only when <see cref="ToPost"/>: the bus carries what someone acts on.
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
    IReadOnlyList<ScoreReason> Reasons,
    double? ExplorationProbability = null)
{
    /// <summary>What the notifier posts: a liked verdict, or a work picked for exploration.</summary>
    public bool ToPost => Liked == true || ExplorationProbability is not null;
}

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

    /// <summary>The <see cref="ScoreReason.Source"/> of the reason a score carries when no taste model made it.</summary>
    public const string NoModelSource = "no-model";

    /// <summary>
    /// Why no taste model made this score ("12 more labels needed for a first model…", "model v1 was rejected by the
    /// promotion gate (…)"), from its <see cref="NoModelSource"/> reason; null when a model did. It is a reason, so the
    /// score store keeps it and a post sent later still says it; <c>POST /score</c> shows it as <c>noModel</c>.
    /// </summary>
    public string? NoModel => Reasons.FirstOrDefault(r => r.Source == NoModelSource)?.Text;
}

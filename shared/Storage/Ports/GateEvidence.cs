namespace Konomi.Storage.Ports;

/// <summary>
/// The promotion gate's figures: average precision of the candidate's out-of-sample scores and of the model it
/// would replace (the frozen serving version, or the cold-start scorer for a first model) on the same
/// <paramref name="FreshLabels"/> labels, the paired-bootstrap probability that the candidate is worse, and the
/// 90% interval of the difference.
/// </summary>
public sealed record GateEvidence(
    string Against,
    int FreshLabels,
    int FreshLiked,
    double CandidateAveragePrecision,
    double IncumbentAveragePrecision,
    double ProbabilityWorse,
    double DifferenceLow,
    double DifferenceHigh);

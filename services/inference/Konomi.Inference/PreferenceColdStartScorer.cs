using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;

namespace Konomi.Inference;

/// <summary>
/// A user without a serving model is scored from their preferences, or, with neither labels nor
/// preferences, from DLsite's popularity; with none of these there is no verdict, which is never notified.
/// Every such score carries why no model serves (<see cref="WorkScored.NoModel"/>): labels still missing, or the gate
/// rejected the first model, so a Slack post or <c>POST /score</c> never reads as a model's verdict.
/// </summary>
public sealed class PreferenceColdStartScorer(PreferenceScorer preferences, ILabelStore labels, NoModelReason noModel)
    : IColdStartScorer
{
    public async Task<IReadOnlyList<WorkScored>> ScoreAsync(Guid crawlRunId, UserProfile user, IReadOnlyList<Work> works, CancellationToken ct)
    {
        var own = await labels.ListAsync(user.UserId, ct);
        ScoreReason[] reason = [new(WorkScored.NoModelSource, await noModel.ForAsync(user.UserId, own, ct), 0)];
        return [.. works.Select(work =>
        {
            var verdict = preferences.ColdStart(work, user.Preferences, own.Count > 0);
            return new WorkScored(crawlRunId, work.Id, user.UserId, verdict.Score, verdict.Threshold, verdict.Liked, verdict.Source, 0, [.. verdict.Reasons, .. reason]);
        })];
    }
}

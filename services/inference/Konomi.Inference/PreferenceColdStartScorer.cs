using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;

namespace Konomi.Inference;

/// <summary>
/// A user without a serving model is scored from their preferences, or, with neither labels nor
/// preferences, from DLsite's popularity; with none of these there is no verdict, which is never notified.
/// </summary>
public sealed class PreferenceColdStartScorer(PreferenceScorer preferences, ILabelStore labels) : IColdStartScorer
{
    public async Task<IReadOnlyList<WorkScored>> ScoreAsync(Guid crawlRunId, UserProfile user, IReadOnlyList<Work> works, CancellationToken ct)
    {
        var hasLabels = (await labels.ListAsync(user.UserId, ct)).Count > 0;
        return [.. works.Select(work =>
        {
            var verdict = preferences.ColdStart(work, user.Preferences, hasLabels);
            return new WorkScored(crawlRunId, work.Id, user.UserId, verdict.Score, verdict.Threshold, verdict.Liked, verdict.Source, 0, verdict.Reasons);
        })];
    }
}

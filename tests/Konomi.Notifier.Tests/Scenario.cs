using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>Stored works, users and the verdicts inference would have published (and stored) for them.</summary>
public static class Scenario
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<IReadOnlyList<Work>> AddWorksAsync(this TestStore store, Guid crawlRunId, int first, int count)
    {
        var works = SampleWorks.Range(first, count);
        foreach (var work in works)
            await store.Get<IWorkStore>().AddAsync(work, crawlRunId, Ct);
        return works;
    }

    public static Task AddUserAsync(this TestStore store, UserProfile profile) => store.Get<IUserStore>().UpsertAsync(profile, Ct);

    /// <summary>A liked verdict, stored in the score store as inference does before publishing it.</summary>
    public static async Task<WorkScored> LikedAsync(this TestStore store, Work work, string userId, Guid crawlRunId, double score = 0.8)
    {
        var verdict = new WorkScored(crawlRunId, work.Id, userId, score, 0.5, true, "logistic", 3,
            [new ScoreReason("model", $"声優: {work.VoiceActors[0]}", 0.4), new ScoreReason("model", "ジャンル: ホラー", -0.3)]);
        await store.Get<IScoreStore>().AddAsync(verdict, Ct);
        return verdict;
    }

    public static Task<IReadOnlyList<Notification>> LedgerAsync(this TestStore store) =>
        store.Get<INotificationStore>().ListAsync(null, 1000, ct: Ct);
}

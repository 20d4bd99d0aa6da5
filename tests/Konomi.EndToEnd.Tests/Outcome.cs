using Konomi.Storage.Ports;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// Counts from the outside what the loop did with some crawled works, against what it should have done:
/// every work scored for every user (the score store), every liked score posted once to that user's target
/// (the Slack emulator's messages), every press stored once (the label store's click history).
/// </summary>
public static class Outcome
{
    public static async Task<ScenarioTally> CountAsync(Loop loop, string scenario, IReadOnlyCollection<string> workIds, TimeSpan elapsed, CancellationToken ct)
    {
        var problems = new List<string>();
        var ids = workIds.ToHashSet();

        var scores = new List<Konomi.Contracts.WorkScored>();
        foreach (var listener in loop.Listeners)
            scores.AddRange((await loop.Pipeline.Store<IScoreStore>().ListAsync(listener.UserId, 1000, ct)).Where(s => ids.Contains(s.WorkId)));
        var scored = scores.Select(s => (s.WorkId, s.UserId)).ToHashSet();
        foreach (var id in ids)
            foreach (var listener in loop.Listeners.Where(l => !scored.Contains((id, l.UserId))))
                problems.Add($"lost: {id} never scored for {listener.UserId}");
        foreach (var repeat in scores.GroupBy(s => (s.WorkId, s.UserId, s.ModelId, s.ModelVersion)).Where(g => g.Count() > 1))
            problems.Add($"duplicated: {repeat.Key} scored {repeat.Count()} times");

        var liked = scores.Where(s => s.Liked == true)
            .Select(s => (s.WorkId, Target: loop.Target(loop.Listener(s.UserId)))).ToHashSet();
        var posts = loop.Slack.Messages
            .SelectMany(m => Clicks.FeedbackButtons(m.Blocks).Select(b => (b.WorkId, Target: m.Channel)))
            .Where(p => ids.Contains(p.WorkId))
            .GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        foreach (var missing in liked.Where(l => !posts.ContainsKey(l)))
            problems.Add($"lost: liked {missing.WorkId} never posted to {missing.Target}");
        foreach (var (post, count) in posts.Where(p => p.Value > 1 || !liked.Contains(p.Key)))
            problems.Add($"duplicated: {post.WorkId} posted {count} times to {post.Target}{(liked.Contains(post) ? "" : " without a liked score")}");

        var clicks = 0;
        foreach (var pair in loop.Clicks.Sent.Where(c => ids.Contains(c.WorkId)).GroupBy(c => (c.UserId, c.WorkId)))
        {
            var stored = (await loop.Pipeline.Store<ILabelStore>().HistoryAsync(pair.Key.UserId, pair.Key.WorkId, ct))
                .Count(c => c.Source != "import");
            clicks += stored;
            if (stored < pair.Count()) problems.Add($"lost: {pair.Count() - stored} of {pair.Count()} clicks on {pair.Key.WorkId} by {pair.Key.UserId}");
            if (stored > pair.Count()) problems.Add($"duplicated: {stored} clicks stored for {pair.Count()} sent on {pair.Key.WorkId} by {pair.Key.UserId}");
        }

        return new ScenarioTally(scenario, ids.Count, scored.Count, posts.Count(p => liked.Contains(p.Key)), clicks,
            problems.Count(p => p.StartsWith("lost", StringComparison.Ordinal)),
            problems.Count(p => p.StartsWith("duplicated", StringComparison.Ordinal)), elapsed, problems);
    }
}

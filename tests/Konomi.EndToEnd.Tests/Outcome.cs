using Konomi.Storage.Ports;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// Counts from the outside what the loop did with some crawled works, against what it should have done:
/// every work scored for every user (the score store), each score to post published and no other (WorkScored
/// seen on the broker: the bus carries only what someone acts on), every liked score posted once to that user's target (the Slack emulator's messages), and every
/// press stored once (the label store's click history), made the user's current label (the label store),
/// announced once (FeedbackReceived seen on the broker) and shown once on its message (chat.update redraws).
/// </summary>
public static class Outcome
{
    public static async Task<ScenarioTally> CountAsync(Loop loop, string scenario, IReadOnlyCollection<string> workIds, TimeSpan elapsed, CancellationToken ct)
    {
        var problems = new List<string>();
        var ids = workIds.ToHashSet();
        var witness = loop.Pipeline.Witness;

        var scores = await loop.ScoresAsync(ids, ct);
        var scored = scores.Select(s => (s.WorkId, s.UserId)).ToHashSet();
        foreach (var id in ids)
            foreach (var listener in loop.Listeners.Where(l => !scored.Contains((id, l.UserId))))
                problems.Add($"lost: {id} never scored for {listener.UserId}");
        var published = 0;
        foreach (var pair in scores.GroupBy(s => (s.WorkId, s.UserId)))
        {
            var (workId, userId) = pair.Key;
            var seen = witness.Scored(workId, userId);
            // The suite runs without exploration, so a score to post is a liked one.
            if (!pair.Any(s => s.ToPost))
            {
                if (seen > 0) problems.Add($"duplicated: WorkScored {workId} for {userId} published {seen} times though not to post");
                continue;
            }
            if (seen == 0) problems.Add($"lost: {workId} liked for {userId} but WorkScored never published");
            else published++;
            // At-least-once by design (a redelivered batch publishes its stored scores again); posts must still be once.
            if (seen > 1) problems.Add($"republished: WorkScored {workId} for {userId} {seen} times");
        }

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

        var (clicks, labels, feedback) = (0, 0, 0);
        var labelStore = loop.Pipeline.Store<ILabelStore>();
        foreach (var pair in loop.Clicks.Sent.Where(c => ids.Contains(c.WorkId)).GroupBy(c => (c.UserId, c.WorkId)))
        {
            var (userId, workId) = pair.Key;
            var sent = pair.Count();
            var stored = (await labelStore.HistoryAsync(userId, workId, ct)).Count(c => c.Source != "import");
            clicks += stored;
            if (stored < sent) problems.Add($"lost: {sent - stored} of {sent} clicks on {workId} by {userId}");
            if (stored > sent) problems.Add($"duplicated: {stored} clicks stored for {sent} sent on {workId} by {userId}");

            var answer = pair.Last().Interested;
            if (await labelStore.FindAsync(userId, workId, ct) is { } label && label.Interested == answer && label.Source != "import") labels++;
            else problems.Add($"lost: {userId}'s label on {workId} is not their click ({(answer ? "interested" : "not interested")})");

            var announced = witness.Feedback(userId, workId);
            feedback += Math.Min(announced, sent);
            if (announced < sent) problems.Add($"lost: {sent - announced} of {sent} FeedbackReceived for {workId} by {userId}");
            if (announced > sent) problems.Add($"duplicated: {announced} FeedbackReceived for {sent} clicks on {workId} by {userId}");
            if (announced > 0 && witness.Feedback(userId, workId, answer) == 0) problems.Add($"lost: no FeedbackReceived for {workId} by {userId} carries their answer");
        }

        var redraws = 0;
        var updates = loop.Slack.Updates;
        foreach (var message in loop.Clicks.Sent.Where(c => ids.Contains(c.WorkId)).GroupBy(c => (c.Channel, c.MessageTs)))
        {
            // A redraw that repeats the last one changes nothing the user sees (a follow-up retried after a crash).
            var shown = Redraws(updates.Where(u => u.Channel == message.Key.Channel && u.Ts == message.Key.MessageTs));
            redraws += Math.Min(shown, message.Count());
            if (shown == 0) problems.Add($"lost: message {message.Key.MessageTs} in {message.Key.Channel} never redrawn after its click");
            if (shown > message.Count()) problems.Add($"duplicated: message {message.Key.MessageTs} in {message.Key.Channel} redrawn {shown} times for {message.Count()} clicks");
        }

        return new ScenarioTally(scenario, ids.Count, scored.Count, published, posts.Count(p => liked.Contains(p.Key)), clicks, labels, feedback, redraws,
            Count(problems, "republished"), Count(problems, "lost"), Count(problems, "duplicated"), elapsed, problems);
    }

    static int Redraws(IEnumerable<Konomi.Emulators.Slack.EmulatedMessage> updates)
    {
        string? last = null;
        var count = 0;
        foreach (var state in updates.Select(u => u.Text + u.Blocks.ToJsonString()))
        {
            if (state != last) count++;
            last = state;
        }
        return count;
    }

    static int Count(List<string> problems, string kind) => problems.Count(p => p.StartsWith(kind + ":", StringComparison.Ordinal));
}

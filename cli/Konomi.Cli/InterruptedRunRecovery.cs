using Konomi.Contracts;
using Konomi.Notifier;
using Konomi.Storage.Ports;
using MassTransit;

namespace Konomi.Cli;

/// <summary>
/// What a <c>konomi run</c> on the in-memory bus that stopped mid-way (Ctrl+C, kill, a power cut) left half done, or
/// a <c>konomi crawl</c> stored with no bus to score it (a backfill to label from). Those messages are gone, so at the
/// next start the store is read instead: a work announced in the last
/// <see cref="Window"/> without a score for anyone is announced again (inference scores it as it would have), and a
/// liked verdict stored for an active user without a notification is published again from the store (the notifier
/// posts it as it would have). What was finished is left alone: a liked verdict for a work its user has labelled was
/// settled when the notifier passed it over (a backfill's works labelled before the first run), so every later start
/// would publish it again for nothing; and the notifier's ledger (one notification per work and target) stops a second post. An exploration pick that was drawn but never reached the ledger is not recovered:
/// the score store keeps the model's verdict only. On RabbitMQ the broker keeps messages in flight and this is not needed.
/// </summary>
public sealed partial class InterruptedRunRecovery(
    IWorkStore works, IScoreStore scores, IUserStore users, ILabelStore labels, INotificationStore ledger, IBus bus,
    ILogger<InterruptedRunRecovery> logger)
{
    /// <summary>How far back a stopped run is looked for: longer ago, its works are old news rather than new works.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <param name="startedAt">When this run started: what its own crawl announces from then on is in flight, not left over.</param>
    public async Task RecoverAsync(DateTimeOffset startedAt, CancellationToken ct)
    {
        var recent = await works.ListAnnouncedAsync(startedAt - Window, startedAt, ct: ct);
        if (recent.Count == 0)
            return;
        var profiles = await users.ListAsync(ct);
        var (unscored, unposted) = (0, 0);
        foreach (var run in recent.GroupBy(w => w.CrawlRunId))
        {
            var ids = run.Select(w => w.Work.Id).ToList();
            var verdicts = new List<(UserProfile Profile, WorkScored Verdict)>();
            foreach (var profile in profiles)
                verdicts.AddRange((await scores.FindRunAsync(profile.UserId, run.Key, ids, ct)).Values.Select(v => (profile, v)));
            var scored = verdicts.Select(v => v.Verdict.WorkId).ToHashSet();
            foreach (var crawled in run.Where(w => !scored.Contains(w.Work.Id)))
            {
                await bus.Publish(new NewWorkDetected(run.Key, crawled.Work), ct);
                unscored++;
            }
            foreach (var (profile, verdict) in verdicts.Where(v => v.Profile.Active && v.Verdict.Liked == true))
                if (await ledger.FindAsync(verdict.WorkId, NotificationTarget.For(profile), ct) is null
                    && await labels.FindAsync(profile.UserId, verdict.WorkId, ct) is null)
                {
                    await bus.Publish(verdict, ct);
                    unposted++;
                }
        }
        if (unscored + unposted > 0)
            LogRecovered(logger, unscored, unposted);
    }

    [LoggerMessage(1, LogLevel.Warning, "Work of the last day left unfinished (a konomi run stopped mid-way, or a konomi crawl with no bus to score it): {Unscored} work(s) announced again for scoring, {Unposted} liked verdict(s) published again for posting")]
    static partial void LogRecovered(ILogger logger, int unscored, int unposted);
}

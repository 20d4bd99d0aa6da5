using Konomi.Hosting;
using Konomi.Slack;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Notifier;

/// <summary>
/// Posts ledger entries under a lease: only the notifier holding an entry's lease posts it, and the
/// outcome (sent with Slack's channel and ts, to be retried, or finally failed with Slack's error) is
/// written back. A crash after Slack accepted a post but before it is marked sent is the one case that
/// posts twice: the lease expires and another attempt posts again (see README, "Slack notifications").
/// </summary>
public sealed partial class NotificationSender(
    INotificationStore ledger, INotificationSink sink, IOptions<NotifierOptions> options, TimeProvider clock, ILogger<NotificationSender> logger)
{
    readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The entries this notifier now owns; the others are being posted (or were) by someone else.</summary>
    public async Task<IReadOnlyList<Notification>> LeaseAsync(IEnumerable<Notification> entries, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + options.Value.LeaseDuration;
        var leased = new List<Notification>();
        foreach (var entry in entries)
            if (await ledger.TryLeaseAsync(entry.WorkId, entry.Target, _owner, until, ct) is { } mine)
                leased.Add(mine);
        return leased;
    }

    /// <summary>Posts one message for leased entries (one work, or a digest part) and records the outcome.</summary>
    public async Task PostAsync(string target, SlackMessage message, IReadOnlyList<Notification> leased)
    {
        PostedMessage posted;
        try
        {
            // Not the caller's token: a post cancelled in flight (a broker restart cancels the consumer) may
            // still reach Slack, and an unrecorded post would be posted again when the lease expires. The
            // Slack client's own timeouts and retry limit bound it.
            posted = await sink.PostAsync(target, message, CancellationToken.None);
        }
        catch (SlackApiException e)
        {
            await FailAsync(leased, e.Error, e.Transient);
            return;
        }
        // Slack has it now: record that even if shutdown cancels the caller, or a restart would post it again.
        foreach (var entry in leased)
            await ledger.MarkSentAsync(entry.WorkId, entry.Target, posted.Channel, posted.Ts, CancellationToken.None);
        KonomiTelemetry.NotificationsSent.Add(leased.Count);
    }

    /// <summary>Transient errors stay pending for the next sweep until <see cref="NotifierOptions.MaxAttempts"/>; the rest fail for good.</summary>
    public async Task FailAsync(IEnumerable<Notification> leased, string error, bool transient)
    {
        foreach (var entry in leased)
        {
            // The ledger counts an attempt per lease, so this entry's Attempts includes this one.
            var final = !transient || entry.Attempts >= options.Value.MaxAttempts;
            await ledger.MarkFailedAsync(entry.WorkId, entry.Target, error, final, CancellationToken.None);
            if (final)
            {
                KonomiTelemetry.NotificationsFailed.Add(1);
                LogFailed(logger, entry.WorkId, entry.Target, error, entry.Attempts);
            }
            else
                LogWillRetry(logger, entry.WorkId, entry.Target, error, entry.Attempts);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification of {WorkId} to {Target} failed for good: {Error} (attempt {Attempts})")]
    static partial void LogFailed(ILogger logger, string workId, string target, string error, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification of {WorkId} to {Target} will be retried: {Error} (attempt {Attempts})")]
    static partial void LogWillRetry(ILogger logger, string workId, string target, string error, int attempts);
}

using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Feedback;

/// <summary>
/// This host's hold on pending follow-ups. The feedback service and the web app (and any replica) each run a
/// <see cref="FollowUpWorker"/> over the same label store; a follow-up is done by the worker holding its lease,
/// which keeps it renewed while it works, so one click is redrawn, told and announced once. A worker that stops
/// gives its leases back (<see cref="ReleaseAsync"/>); one that dies leaves them to run out (<c>Feedback:FollowUpLease</c>);
/// another worker, or this one restarted, then does them.
/// </summary>
public sealed partial class FollowUpClaims(ILabelStore labels, IOptions<FeedbackOptions> options, TimeProvider time, ILogger<FollowUpClaims> logger)
{
    readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    TimeSpan Lease => options.Value.FollowUpLease;

    public Task<FollowUpClaim> ClaimAsync(CancellationToken ct) => labels.ClaimFollowUpsAsync(_owner, time.GetUtcNow() + Lease, ct);

    /// <summary>
    /// Renews the lease right before the follow-up is done (the ones before it may have taken long): false when
    /// another worker took it over, or when the renewal came back with less than half a lease left (the store
    /// answered late), since another worker may take it any moment then. Counted from before the renewal was sent.
    /// </summary>
    public async Task<bool> HoldAsync(string clickId, CancellationToken ct)
    {
        var until = time.GetUtcNow() + Lease;
        if (!await labels.RenewFollowUpAsync(clickId, _owner, until, ct))
        {
            LogLeaseLost(logger, clickId);
            return false;
        }
        var left = until - time.GetUtcNow();
        if (left >= Lease / 2)
            return true;
        LogLeaseTooShort(logger, clickId, left);
        return false;
    }

    /// <summary>Renews the lease every third of it until <paramref name="done"/>: Slack's retries may outlast one lease.</summary>
    public async Task KeepRenewingAsync(string clickId, CancellationToken done)
    {
        using var every = new PeriodicTimer(Lease / 3, time);
        try
        {
            while (await every.WaitForNextTickAsync(done))
            {
                try
                {
                    if (await labels.RenewFollowUpAsync(clickId, _owner, time.GetUtcNow() + Lease, done))
                        continue;
                    LogLeaseLost(logger, clickId);
                    return;
                }
                catch (Exception e) when (!done.IsCancellationRequested)
                {
                    // The store is away: the follow-up goes on, and the next tick tries again.
                    LogRenewalFailed(logger, e, clickId);
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
        }
    }

    /// <summary>Marks it done while this worker holds it; one taken over meanwhile is the other worker's to finish.</summary>
    public async Task CompleteAsync(string clickId, CancellationToken ct)
    {
        if (!await labels.CompleteFollowUpAsync(clickId, _owner, ct))
            LogLeaseLost(logger, clickId);
    }

    /// <summary>
    /// Gives back every follow-up this host holds and has not done, as it stops: a rolling update's next pod, or the
    /// other host, does them at once instead of a lease later. Failing (the store away) leaves them to run out.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        try
        {
            if (await labels.ReleaseFollowUpsAsync(_owner, ct) is var released and > 0)
                LogReleased(logger, released);
        }
        catch (Exception e)
        {
            LogReleaseFailed(logger, e, Lease);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Follow-up of click {ClickId} was taken over by another worker; leaving it to it")]
    static partial void LogLeaseLost(ILogger logger, string clickId);

    [LoggerMessage(2, LogLevel.Warning, "Follow-up of click {ClickId} has only {Left} of its lease left; doing it in a later round")]
    static partial void LogLeaseTooShort(ILogger logger, string clickId, TimeSpan left);

    [LoggerMessage(3, LogLevel.Warning, "Could not renew the lease of click {ClickId}'s follow-up; it goes on")]
    static partial void LogRenewalFailed(ILogger logger, Exception exception, string clickId);

    [LoggerMessage(4, LogLevel.Information, "Stopping: gave back {Count} follow-ups not done, for another worker to do now")]
    static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(5, LogLevel.Warning, "Stopping: could not give back the follow-ups not done; they are done within {Lease}, when their leases run out")]
    static partial void LogReleaseFailed(ILogger logger, Exception exception, TimeSpan lease);
}

using System.Text.Json;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Resilience;
using Konomi.Slack;
using Konomi.Storage.Ports;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Konomi.Feedback;

/// <summary>
/// Does the follow-ups the label store holds pending, at start and whenever a click is stored, in click order
/// so a re-click's redraw lands after the first one: redraws the message (telling the clicker their answer was saved
/// when Slack refuses the redraw for good), tells an unexpected clicker where
/// their answer went (a web click has neither), then publishes FeedbackReceived; a click older than the label (a later
/// click made it) is neither redrawn nor published, so the message and the bus carry only the answer the label holds. Each step runs through the
/// <see cref="Retry"/> pipeline (transient failures, doubling waits); reading the pending ones runs through
/// <see cref="StoreWait"/>, until the store answers. A follow-up is marked done once FeedbackReceived is out; one
/// whose publish failed for good stays pending for the next round, which comes with the next click or after
/// <c>Feedback:Retry:MaxDelay</c>, whichever is first. Each round does only the follow-ups this host claimed
/// (<see cref="FollowUpClaims"/>): other hosts over the same store do theirs, and one another worker holds is done
/// here when its lease runs out, if it is still pending then. Stopping (SIGTERM, Ctrl+C) gives back the leases on
/// the follow-ups not done, so the next host does them at once. Dying after the publish and before the mark sends that
/// FeedbackReceived again once the lease has run out: at least once, never lost. The first round waits until the host has started, bus included:
/// the follow-ups a restart finds pending are published to a running bus, not raced against its start.
/// </summary>
public sealed partial class FollowUpWorker(
    FollowUps followUps,
    FollowUpClaims claims,
    ILabelStore labels,
    ISlackApi slack,
    IBus bus,
    INotificationStore notifications,
    IOptionsMonitor<SlackOptions> slackOptions,
    IOptionsMonitor<RetrySettings> retrySettings,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<FollowUpWorker> logger) : BackgroundService
{
    /// <summary>The named Polly pipeline every follow-up step runs through (<c>Feedback:Retry:*</c>).</summary>
    public const string Retry = "feedback-follow-up";

    /// <summary>The named Polly pipeline reading the pending follow-ups runs through: <c>Feedback:Retry</c>'s delays, no limit.</summary>
    public const string StoreWait = "feedback-store-wait";

    readonly ResiliencePipeline _retry = pipelines.GetPipeline(Retry);
    readonly ResiliencePipeline _storeWait = pipelines.GetPipeline(StoreWait);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WaitForStartAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var round = await _storeWait.ExecuteAsync(async ct => await DrainAsync(ct), stoppingToken);
                // Did all it claimed: claim again at once, for a click another host stored meanwhile may be free now.
                if (round is { AllDone: true, ClaimedAny: true })
                    continue;
                var next = NextTry(round);
                if (next <= TimeSpan.Zero)
                    continue;
                await WakeAsync(next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Once the rounds have ended: a round cut short by the stop leaves its follow-ups pending, and they are given back.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Still working past the host's deadline: what it holds is not given back, as it may yet be done here.
        if (ExecuteTask is { IsCompleted: true })
            await claims.ReleaseAsync(cancellationToken);
    }

    /// <summary>
    /// When to look again without a click: after <c>Feedback:Retry:MaxDelay</c> when one of this round's follow-ups is
    /// still pending, and when another worker's lease runs out (it may have died), whichever is first; else never.
    /// </summary>
    TimeSpan? NextTry(Round round)
    {
        TimeSpan? wait = round.AllDone ? null : retrySettings.Get(FeedbackOptions.RetrySection).MaxDelay ?? TimeSpan.FromSeconds(30);
        if (round.HeldElsewhereUntil is { } end && (end - time.GetUtcNow()) is var left && (wait is null || left < wait))
            wait = left;
        return wait;
    }

    /// <summary>Until a click is stored, or <paramref name="retryAfter"/> has passed.</summary>
    async Task WakeAsync(TimeSpan? retryAfter, CancellationToken stoppingToken)
    {
        if (retryAfter is not { } delay)
        {
            await followUps.WaitAsync(stoppingToken);
            return;
        }
        using var timeout = new CancellationTokenSource(delay, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await followUps.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>What a round did: whether every follow-up it claimed is done, and whose lease to wait for.</summary>
    readonly record struct Round(bool AllDone, bool ClaimedAny, DateTimeOffset? HeldElsewhereUntil);

    /// <summary>Does every follow-up this host could claim, oldest click first.</summary>
    async Task<Round> DrainAsync(CancellationToken ct)
    {
        var claim = await claims.ClaimAsync(ct);
        var allDone = true;
        foreach (var pending in claim.Claimed)
        {
            if (!await claims.HoldAsync(pending.ClickId, ct))
            {
                allDone = false;
                continue;
            }
            using var working = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var renewing = claims.KeepRenewingAsync(pending.ClickId, working.Token);
            try
            {
                allDone &= await DoAsync(pending, ct);
            }
            finally
            {
                await working.CancelAsync();
                await renewing;
            }
        }
        return new Round(allDone, claim.Claimed.Count > 0, claim.HeldElsewhereUntil);
    }

    /// <summary>Does one follow-up; false when it stays pending because a step failed for good.</summary>
    async Task<bool> DoAsync(PendingFollowUp pending, CancellationToken ct)
    {
        if (JsonSerializer.Deserialize<FollowUp>(pending.FollowUp) is not { } followUp)
        {
            LogUnreadable(logger, pending.ClickId);
            await claims.CompleteAsync(pending.ClickId, ct);
            return true;
        }
        using var activity = KonomiTelemetry.Source.StartActivity("feedback.follow_up");
        activity?.SetTag("konomi.work_id", followUp.Click.WorkId);
        if (await IsSupersededAsync(followUp.Click, ct))
        {
            // A later click made the label (Slack redelivered this one late, or two presses raced): redrawing or
            // announcing this one would show and tell an answer the label no longer holds.
            LogSuperseded(logger, pending.ClickId);
            await TellAsync(followUp, ct);
            await claims.CompleteAsync(pending.ClickId, ct);
            return true;
        }
        // Slack first: a redraw or notice repeated after a crash is harmless, so the publish and its mark
        // follow each other closely and a crash between them (the one way to repeat a FeedbackReceived)
        // is a few milliseconds wide, however slow Slack is.
        var redraw = RedrawAsync(followUp, ct);
        await Task.WhenAll(redraw, TellAsync(followUp, ct));
        if (await redraw is SlackApiException { Transient: false } refused)
            await TellNotRedrawnAsync(followUp, refused, ct);
        if (!await PublishAsync(followUp, ct))
            return false;
        await claims.CompleteAsync(pending.ClickId, ct);
        return true;
    }

    async Task<bool> IsSupersededAsync(Click click, CancellationToken ct) =>
        await labels.FindAsync(click.UserId, click.WorkId, ct) is { } label && label.LabeledAt > click.At;

    /// <summary>Null when the message shows the choice (or is not to be redrawn); else what stopped the redraw.</summary>
    async Task<Exception?> RedrawAsync(FollowUp followUp, CancellationToken ct)
    {
        if (!followUp.Redraw || followUp.Message is not { } click)
            return null;
        if (string.IsNullOrEmpty(slackOptions.CurrentValue.BotToken))
        {
            LogNoBotToken(logger, click.MessageTs);
            return null;
        }
        return await RunStepAsync("chat.update", token => slack.UpdateMessageAsync(click.Channel, click.MessageTs, click.MessageText, ChoiceBlocks.Show(click), token), ct);
    }

    async Task TellAsync(FollowUp followUp, CancellationToken ct)
    {
        if (followUp is { Notice: { } notice, Message: { } message })
            await RunStepAsync("chat.postEphemeral", token => slack.PostEphemeralAsync(message.Channel, message.SlackUserId, notice, token), ct);
    }

    /// <summary>
    /// Slack refused the redraw for good (the message deleted, say): without a word the clicker would see no sign
    /// that the answer counted and press again.
    /// </summary>
    async Task TellNotRedrawnAsync(FollowUp followUp, SlackApiException refused, CancellationToken ct)
    {
        var click = followUp.Message!;
        var answer = click.Interested ? FeedbackActions.InterestedText : FeedbackActions.NotInterestedText;
        await RunStepAsync("chat.postEphemeral", token => slack.PostEphemeralAsync(click.Channel, click.SlackUserId,
            $"Konomi saved your answer *{answer}* for {click.WorkId}, but could not update the message (Slack said {refused.Error}).", token), ct);
    }

    async Task<bool> PublishAsync(FollowUp followUp, CancellationToken ct)
    {
        var click = followUp.Click;
        var failure = await RunStepAsync("publish FeedbackReceived", async token =>
        {
            var crawlRunId = followUp.CrawlRunId;
            if (crawlRunId is null && followUp.Message is { } message)
            {
                var notification = await notifications.FindByMessageAsync(message.Channel, message.MessageTs, token);
                crawlRunId = notification is { CrawlRunId: var id } && id != Guid.Empty ? id : null;
            }
            if (crawlRunId is { } run)
                KonomiTelemetry.TagCrawlRun(run);
            await bus.Publish(new FeedbackReceived(click.WorkId, click.UserId, click.Interested, click.Source, click.At, crawlRunId), token);
        }, ct);
        return failure is null;
    }

    /// <summary>Null when the step was done; else the failure that ended its tries.</summary>
    async Task<Exception?> RunStepAsync(string step, Func<CancellationToken, Task> action, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(step, ct);
        try
        {
            await _retry.ExecuteAsync(static async (c, step) => await step(c.CancellationToken), context, action);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The label is stored either way; only the redraw, the notice or the retrain trigger is missing.
            LogStepFailed(logger, e, step);
            return e;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Follow-up of click {ClickId} is unreadable; dropping it")]
    static partial void LogUnreadable(ILogger logger, string clickId);

    [LoggerMessage(2, LogLevel.Information, "No Slack:BotToken: message {MessageTs} keeps its old look")]
    static partial void LogNoBotToken(ILogger logger, string messageTs);

    [LoggerMessage(3, LogLevel.Error, "{Step} failed for good")]
    static partial void LogStepFailed(ILogger logger, Exception exception, string step);

    [LoggerMessage(4, LogLevel.Warning, "{Step} failed (attempt {Attempt}); retrying in {DelaySeconds:0.#} s")]
    internal static partial void LogStepRetrying(ILogger logger, Exception? exception, string? step, int attempt, double delaySeconds);

    [LoggerMessage(5, LogLevel.Warning, "Could not read pending follow-ups; trying again in {DelaySeconds:0.#} s")]
    internal static partial void LogStoreUnreachable(ILogger logger, Exception? exception, double delaySeconds);

    [LoggerMessage(6, LogLevel.Information, "Click {ClickId} is older than the label a later click made: not redrawn or announced")]
    static partial void LogSuperseded(ILogger logger, string clickId);
}

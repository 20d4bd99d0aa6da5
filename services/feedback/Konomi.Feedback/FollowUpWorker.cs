using System.Text.Json;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Slack;
using Konomi.Storage.Ports;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Feedback;

/// <summary>
/// Does the follow-ups the label store holds pending, at start and whenever a click is stored, in click order
/// so a re-click's redraw lands after the first one: redraws the message, tells an unexpected clicker where
/// their answer went (a web click has neither), then publishes FeedbackReceived. Each step retries transient failures with doubling
/// waits. A follow-up is marked done once FeedbackReceived is out; one whose publish failed for good stays
/// pending for the next round. Dying after the publish and before the mark sends that FeedbackReceived again
/// after the restart: at least once, never lost.
/// </summary>
public sealed class FollowUpWorker(
    FollowUps followUps,
    ILabelStore labels,
    ISlackApi slack,
    IBus bus,
    INotificationStore notifications,
    IOptions<FeedbackOptions> options,
    IOptionsMonitor<SlackOptions> slackOptions,
    ILogger<FollowUpWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
                await followUps.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store is unreachable: the follow-ups wait there; try again shortly.
                logger.LogWarning(e, "Could not read pending follow-ups; trying again in {Delay}", options.Value.FollowUpRetryDelay);
                await Task.Delay(options.Value.FollowUpRetryDelay, stoppingToken);
            }
        }
    }

    async Task DrainAsync(CancellationToken ct)
    {
        foreach (var pending in await labels.ListPendingFollowUpsAsync(ct))
        {
            if (JsonSerializer.Deserialize<FollowUp>(pending.FollowUp) is not { } followUp)
            {
                logger.LogError("Follow-up of click {ClickId} is unreadable; dropping it", pending.ClickId);
                await labels.CompleteFollowUpAsync(pending.ClickId, ct);
                continue;
            }
            using var activity = KonomiTelemetry.Source.StartActivity("feedback.follow_up");
            activity?.SetTag("konomi.work_id", followUp.Click.WorkId);
            // Slack first: a redraw or notice repeated after a crash is harmless, so the publish and its mark
            // follow each other closely and a crash between them (the one way to repeat a FeedbackReceived)
            // is a few milliseconds wide, however slow Slack is.
            await Task.WhenAll(RedrawAsync(followUp, ct), TellAsync(followUp, ct));
            if (await PublishAsync(followUp, ct))
                await labels.CompleteFollowUpAsync(pending.ClickId, ct);
        }
    }

    async Task<bool> RedrawAsync(FollowUp followUp, CancellationToken ct)
    {
        if (!followUp.Redraw || followUp.Message is not { } click)
            return true;
        if (string.IsNullOrEmpty(slackOptions.CurrentValue.BotToken))
        {
            logger.LogInformation("No Slack:BotToken: message {MessageTs} keeps its old look", click.MessageTs);
            return true;
        }
        return await RetryAsync("chat.update", () => slack.UpdateMessageAsync(click.Channel, click.MessageTs, click.MessageText, ChoiceBlocks.Show(click), ct),
            e => e is not SlackApiException { Transient: false }, ct);
    }

    async Task<bool> TellAsync(FollowUp followUp, CancellationToken ct) => followUp is not { Notice: { } notice, Message: { } message }
        || await RetryAsync("chat.postEphemeral", () => slack.PostEphemeralAsync(message.Channel, message.SlackUserId, notice, ct),
            e => e is not SlackApiException { Transient: false }, ct);

    async Task<bool> PublishAsync(FollowUp followUp, CancellationToken ct)
    {
        var click = followUp.Click;
        return await RetryAsync("publish FeedbackReceived", async () =>
        {
            var crawlRunId = followUp.CrawlRunId;
            if (crawlRunId is null && followUp.Message is { } message)
            {
                var notification = await notifications.FindByMessageAsync(message.Channel, message.MessageTs, ct);
                crawlRunId = notification is { CrawlRunId: var id } && id != Guid.Empty ? id : null;
            }
            if (crawlRunId is { } run)
                KonomiTelemetry.TagCrawlRun(run);
            await bus.Publish(new FeedbackReceived(click.WorkId, click.UserId, click.Interested, click.Source, click.At, crawlRunId), ct);
        }, _ => true, ct);
    }

    async Task<bool> RetryAsync(string step, Func<Task> action, Func<Exception, bool> transient, CancellationToken ct)
    {
        var delay = options.Value.FollowUpRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return true;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && transient(e) && attempt < options.Value.FollowUpAttempts)
            {
                logger.LogWarning(e, "{Step} failed (attempt {Attempt}); retrying in {Delay}", step, attempt, delay);
                await Task.Delay(delay, ct);
                delay *= 2;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The label is stored either way; only the redraw, the notice or the retrain trigger is missing.
                logger.LogError(e, "{Step} failed for good after {Attempt} attempts", step, attempt);
                return false;
            }
        }
    }
}

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
/// Redraws the clicked Slack message (if the click came from one) and publishes FeedbackReceived for each stored click, in click order so a
/// re-click's redraw lands after the first one. Each step retries transient failures with doubling waits.
/// </summary>
public sealed class FollowUpWorker(
    FollowUps followUps,
    ISlackApi slack,
    IBus bus,
    INotificationStore notifications,
    IOptions<FeedbackOptions> options,
    IOptionsMonitor<SlackOptions> slackOptions,
    ILogger<FollowUpWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var followUp in followUps.ReadAllAsync(stoppingToken))
        {
            using var activity = KonomiTelemetry.Source.StartActivity("feedback.follow_up");
            activity?.SetTag("konomi.work_id", followUp.Click.WorkId);
            await Task.WhenAll(RedrawAsync(followUp.Message, stoppingToken), PublishAsync(followUp, stoppingToken));
        }
    }

    async Task RedrawAsync(FeedbackClick? click, CancellationToken ct)
    {
        if (click is null) return;
        if (string.IsNullOrEmpty(slackOptions.CurrentValue.BotToken))
        {
            logger.LogInformation("No Slack:BotToken: message {MessageTs} keeps its old look", click.MessageTs);
            return;
        }
        await RetryAsync("chat.update", () => slack.UpdateMessageAsync(click.Channel, click.MessageTs, click.MessageText, ChoiceBlocks.Show(click), ct),
            e => e is not SlackApiException { Transient: false }, ct);
    }

    async Task PublishAsync(FollowUp followUp, CancellationToken ct)
    {
        var click = followUp.Click;
        await RetryAsync("publish FeedbackReceived", async () =>
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

    async Task RetryAsync(string step, Func<Task> action, Func<Exception, bool> transient, CancellationToken ct)
    {
        var delay = options.Value.FollowUpRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && transient(e) && attempt < options.Value.FollowUpAttempts)
            {
                logger.LogWarning(e, "{Step} failed (attempt {Attempt}); retrying in {Delay}", step, attempt, delay);
                await Task.Delay(delay, ct);
                delay *= 2;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The label is stored either way; only the redraw or the retrain trigger is missing.
                logger.LogError(e, "{Step} failed for good after {Attempt} attempts", step, attempt);
                return;
            }
        }
    }
}

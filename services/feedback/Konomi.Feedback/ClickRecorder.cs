using Konomi.Hosting;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Konomi.Feedback;

/// <summary>
/// Stores a click as a label before Slack gets its answer, then queues the message update and the
/// FeedbackReceived publish. A duplicate delivery (same click id) stops here: nothing happens twice.
/// Slack clicks and the web app's buttons both come through here, so a label means the same wherever it was given.
/// </summary>
public sealed class ClickRecorder(ILabelStore labels, IWorkStore works, FollowUps followUps, ILogger<ClickRecorder> logger)
{
    public Task<ClickOutcome> RecordAsync(FeedbackClick click, string source, CancellationToken ct) =>
        RecordAsync(new Click(click.ClickId, click.UserId, click.WorkId, click.Interested, click.At, source), click, null, ct);

    /// <summary>A click with no Slack message behind it (the web app); <paramref name="crawlRunId"/> as its score named it.</summary>
    public Task<ClickOutcome> RecordAsync(Click click, Guid? crawlRunId, CancellationToken ct) => RecordAsync(click, null, crawlRunId, ct);

    async Task<ClickOutcome> RecordAsync(Click click, FeedbackClick? message, Guid? crawlRunId, CancellationToken ct)
    {
        using var activity = KonomiTelemetry.Source.StartActivity("feedback.click");
        activity?.SetTag("konomi.work_id", click.WorkId);
        activity?.SetTag("konomi.user_id", click.UserId);

        if (await works.FindAsync(click.WorkId, ct) is null)
            logger.LogWarning("Click on work {WorkId}, which the store does not know; storing it as the payload says", click.WorkId);

        var outcome = await labels.RecordAsync(click, ct);
        KonomiTelemetry.Clicks.Add(1,
            new("source", click.Source),
            new("outcome", outcome == ClickOutcome.Recorded ? "recorded" : "duplicate"));

        if (outcome == ClickOutcome.Recorded)
            followUps.Enqueue(new FollowUp(click, message, crawlRunId));
        else
            logger.LogInformation("Click {ClickId} was delivered before; nothing more to do", click.ClickId);
        return outcome;
    }
}

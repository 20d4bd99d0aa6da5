using System.Text.Json;
using Konomi.Hosting;
using Konomi.Slack;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Konomi.Feedback;

/// <summary>
/// Stores a click as a label of the person who pressed it, before Slack gets its answer, together with its
/// follow-up (the FeedbackReceived publish, the message redraw, a notice to an unexpected clicker); then wakes
/// the worker that does the follow-ups. A duplicate delivery (same click id) stores nothing new, but wakes
/// the worker too, so a follow-up a dead process left pending is done now. Slack clicks and the web app's
/// buttons both come through here, so a label means the same wherever it was given.
/// </summary>
public sealed partial class ClickRecorder(
    ILabelStore labels,
    IWorkStore works,
    ClickOwner owners,
    FollowUps followUps,
    ISlackApi slack,
    ILogger<ClickRecorder> logger)
{
    /// <summary>A Slack click: the outcome, or null when nothing was stored (the button names no user this store knows).</summary>
    public async Task<ClickOutcome?> RecordAsync(FeedbackClick click, string source, CancellationToken ct)
    {
        using var activity = KonomiTelemetry.Source.StartActivity("feedback.click");
        activity?.SetTag("konomi.work_id", click.WorkId);

        if (await owners.FindAsync(click, ct) is not { } owner)
        {
            LogUnknownUser(logger, click.ClickId, click.SlackUserId, click.UserId);
            KonomiTelemetry.Clicks.Add(1, new("source", source), new("outcome", "refused"));
            Tell(click, "Konomi does not know whom this message was for, so your answer was not saved.");
            return null;
        }
        var stored = new Click(click.ClickId, owner.UserId, click.WorkId, click.Interested, click.At, source);
        var followUp = owner.UserId == click.UserId
            ? new FollowUp(stored, click, Redraw: true)
            : new FollowUp(stored, click, Redraw: false, Notice(click, owner));
        return await StoreAsync(stored, followUp, activity, ct);
    }

    /// <summary>
    /// A click with no Slack message behind it (the web app), by a user the caller has checked exists;
    /// <paramref name="crawlRunId"/> as its score named it.
    /// </summary>
    public async Task<ClickOutcome> RecordAsync(Click click, Guid? crawlRunId, CancellationToken ct)
    {
        using var activity = KonomiTelemetry.Source.StartActivity("feedback.click");
        activity?.SetTag("konomi.work_id", click.WorkId);
        return await StoreAsync(click, new FollowUp(click, CrawlRunId: crawlRunId), activity, ct);
    }

    async Task<ClickOutcome> StoreAsync(Click click, FollowUp followUp, System.Diagnostics.Activity? activity, CancellationToken ct)
    {
        activity?.SetTag("konomi.user_id", click.UserId);
        if (await works.FindAsync(click.WorkId, ct) is null)
            LogUnknownWork(logger, click.WorkId);

        var outcome = await labels.RecordAsync(click, JsonSerializer.Serialize(followUp), ct);
        KonomiTelemetry.Clicks.Add(1,
            new("source", click.Source),
            new("outcome", outcome == ClickOutcome.Recorded ? "recorded" : "duplicate"));
        if (outcome == ClickOutcome.Duplicate)
            LogDuplicate(logger, click.ClickId);
        followUps.Wake();
        return outcome;
    }

    static string Notice(FeedbackClick click, UserProfile owner) =>
        $"This message was for `{click.UserId}`, so your answer counts for your own Konomi profile `{owner.UserId}` instead"
        + (owner.Active ? "." : $" (not active yet: for your own recommendations, ask whoever runs Konomi to run `konomi users add {owner.UserId} --active`).");

    /// <summary>Best effort, in the background: Slack is waiting for the answer, and nothing was stored to follow up.</summary>
    void Tell(FeedbackClick click, string text) => _ = Task.Run(async () =>
    {
        try
        {
            await slack.PostEphemeralAsync(click.Channel, click.SlackUserId, text);
        }
        catch (Exception e)
        {
            LogNotTold(logger, e, click.SlackUserId, click.ClickId);
        }
    });

    [LoggerMessage(1, LogLevel.Warning, "Click {ClickId} by {SlackUser} on a button for unknown user {UserId}: nothing stored")]
    static partial void LogUnknownUser(ILogger logger, string clickId, string slackUser, string userId);

    [LoggerMessage(2, LogLevel.Warning, "Click on work {WorkId}, which the store does not know; storing it as the payload says")]
    static partial void LogUnknownWork(ILogger logger, string workId);

    [LoggerMessage(3, LogLevel.Information, "Click {ClickId} was delivered before; only a follow-up still pending is done")]
    static partial void LogDuplicate(ILogger logger, string clickId);

    [LoggerMessage(4, LogLevel.Warning, "Could not tell {SlackUser} that click {ClickId} was not saved")]
    static partial void LogNotTold(ILogger logger, Exception exception, string slackUser, string clickId);
}

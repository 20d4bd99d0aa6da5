using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Konomi.Notifier;

/// <summary>
/// Notifies liked verdicts (<c>Liked == true</c>) and works picked for exploration to their active user;
/// everything else is not news, and so is a work the user has already labelled (in <c>konomi label</c> or the web
/// app's label page, before it was scored): they have said what they think of it.
/// </summary>
public sealed partial class WorkScoredConsumer(IUserStore users, ILabelStore labels, NotificationRouter router, ILogger<WorkScoredConsumer> logger)
    : IConsumer<WorkScored>
{
    public async Task Consume(ConsumeContext<WorkScored> context)
    {
        var verdict = context.Message;
        if (!verdict.ToPost)
            return;
        KonomiTelemetry.TagCrawlRun(verdict.CrawlRunId);
        if (await users.FindAsync(verdict.UserId, context.CancellationToken) is not { Active: true } profile)
        {
            LogNoActiveUser(logger, verdict.WorkId, verdict.UserId);
            return;
        }
        if (await labels.FindAsync(verdict.UserId, verdict.WorkId, context.CancellationToken) is not null)
        {
            LogLabelled(logger, verdict.WorkId, verdict.UserId);
            return;
        }
        await router.RouteAsync(profile, verdict, context.CancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "{WorkId} liked for {UserId}, who is unknown or inactive: not notified")]
    static partial void LogNoActiveUser(ILogger logger, string workId, string userId);

    [LoggerMessage(2, LogLevel.Information, "{WorkId} liked for {UserId}, who has already labelled it: not notified")]
    static partial void LogLabelled(ILogger logger, string workId, string userId);
}

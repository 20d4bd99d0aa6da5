using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Konomi.Notifier;

/// <summary>
/// Notifies liked verdicts (<c>Liked == true</c>) and works picked for exploration to their active user;
/// everything else is not news.
/// </summary>
public sealed partial class WorkScoredConsumer(IUserStore users, NotificationRouter router, ILogger<WorkScoredConsumer> logger)
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
        await router.RouteAsync(profile, verdict, context.CancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "{WorkId} liked for {UserId}, who is unknown or inactive: not notified")]
    static partial void LogNoActiveUser(ILogger logger, string workId, string userId);
}

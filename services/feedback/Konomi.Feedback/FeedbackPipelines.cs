using Konomi.Resilience;
using Konomi.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Konomi.Feedback;

/// <summary>The feedback service's named Polly pipelines, each configured from its <see cref="RetrySettings"/> section.</summary>
public static class FeedbackPipelines
{
    /// <summary><see cref="SocketModeService.Reconnect"/>: <c>Feedback:Reconnect</c>, forever unless <c>MaxAttempts</c> is set.</summary>
    public static IServiceCollection AddSocketModePipeline(this IServiceCollection services)
    {
        services.AddRetrySettings(FeedbackOptions.ReconnectSection, r => r.MaxDelay = TimeSpan.FromSeconds(30));
        services.AddResiliencePipeline(SocketModeService.Reconnect, (pipeline, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILogger<SocketModeService>>();
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(context.GetOptions<RetrySettings>(FeedbackOptions.ReconnectSection).ApplyTo(new RetryStrategyOptions
            {
                // Whatever broke the connection, the listener must outlive it (clicks only arrive while connected), unless Slack refuses the token itself.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException && !SocketModeService.RefusesTheAppToken(e)),
                OnRetry = retry =>
                {
                    SocketModeService.LogReconnecting(logger, retry.Outcome.Exception, retry.AttemptNumber + 1, retry.RetryDelay.TotalSeconds);
                    return default;
                },
            }));
        });
        return services;
    }

    /// <summary>
    /// <see cref="FollowUpWorker.Retry"/> around each step (<c>Feedback:Retry</c>: a Slack error retrying cannot mend
    /// ends the step at once) and <see cref="FollowUpWorker.StoreWait"/> around reading the pending ones (the same
    /// delays, until the store answers: the follow-ups wait there).
    /// </summary>
    public static IServiceCollection AddFollowUpPipelines(this IServiceCollection services)
    {
        services.AddRetrySettings(FeedbackOptions.RetrySection, r =>
        {
            r.MaxAttempts = 8;
            r.MaxDelay = TimeSpan.FromSeconds(30);
        });
        services.AddResiliencePipeline(FollowUpWorker.Retry, (pipeline, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILogger<FollowUpWorker>>();
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(context.GetOptions<RetrySettings>(FeedbackOptions.RetrySection).ApplyTo(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (SlackApiException { Transient: false } or OperationCanceledException)),
                OnRetry = retry =>
                {
                    FollowUpWorker.LogStepRetrying(logger, retry.Outcome.Exception, retry.Context.OperationKey, retry.AttemptNumber + 1, retry.RetryDelay.TotalSeconds);
                    return default;
                },
            }, jitter: false));
        });
        services.AddResiliencePipeline(FollowUpWorker.StoreWait, (pipeline, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILogger<FollowUpWorker>>();
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var settings = context.GetOptions<RetrySettings>(FeedbackOptions.RetrySection);
            pipeline.AddRetry(new RetrySettings { BaseDelay = settings.BaseDelay, MaxDelay = settings.MaxDelay }.ApplyTo(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                OnRetry = retry =>
                {
                    FollowUpWorker.LogStoreUnreachable(logger, retry.Outcome.Exception, retry.RetryDelay.TotalSeconds);
                    return default;
                },
            }, jitter: false));
        });
        return services;
    }
}

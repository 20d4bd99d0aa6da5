using Konomi.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Konomi.Feedback;

public static class Extensions
{
    /// <summary>
    /// Registers the feedback service: Socket Mode (default) or the <c>/slack/interactions</c> endpoint
    /// (map it with <see cref="SlackInteractionsEndpoint.MapSlackInteractions"/>), the click recorder and
    /// the background follow-ups.
    /// </summary>
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        builder.Services.AddClickRecorder();
        builder.Services.AddSingleton<SlackRequestVerifier>();
        builder.Services.AddSingleton<InteractionReceiver>();
        builder.Services.AddHostedService<SocketModeService>();
        return builder;
    }

    /// <summary>
    /// The click recorder and its follow-ups (message redraw, FeedbackReceived on the bus): what anything that
    /// takes a 興味あり!/別に… click needs, the web app included. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddClickRecorder(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ClickRecorder)))
            return services;
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSlackApi();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FollowUps>();
        services.AddSingleton<ClickOwner>();
        services.AddSingleton<ClickRecorder>();
        services.AddResiliencePipeline(FollowUpWorker.Retry, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<FeedbackOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILogger<FollowUpWorker>>();
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(new RetryStrategyOptions
            {
                // A Slack error that retrying cannot mend (a deleted message, a missing scope) ends the step at once.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (SlackApiException { Transient: false } or OperationCanceledException)),
                MaxRetryAttempts = options.FollowUpAttempts - 1,
                Delay = options.FollowUpRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                OnRetry = retry =>
                {
                    logger.LogWarning(retry.Outcome.Exception, "{Step} failed (attempt {Attempt}); retrying in {Delay}",
                        retry.Context.OperationKey, retry.AttemptNumber + 1, retry.RetryDelay);
                    return default;
                },
            });
        });
        services.AddHostedService<FollowUpWorker>();
        return services;
    }
}

using Konomi.Settings;
using Konomi.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

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
        builder.Services.AddSocketModePipeline();
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
        services.AddOptions<FeedbackOptions>().BindSettings(FeedbackOptions.Section);
        services.AddSlackApi();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FollowUps>();
        services.AddSingleton<FollowUpClaims>();
        services.AddSingleton<ClickOwner>();
        services.AddSingleton<ClickRecorder>();
        services.AddFollowUpPipelines();
        services.AddHostedService<FollowUpWorker>();
        return services;
    }
}

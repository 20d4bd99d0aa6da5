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
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section);
        builder.Services.AddSlackApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SlackRequestVerifier>();
        builder.Services.AddSingleton<FollowUps>();
        builder.Services.AddSingleton<ClickOwner>();
        builder.Services.AddSingleton<ClickRecorder>();
        builder.Services.AddSingleton<InteractionReceiver>();
        builder.Services.AddHostedService<SocketModeService>();
        builder.Services.AddHostedService<FollowUpWorker>();
        return builder;
    }
}

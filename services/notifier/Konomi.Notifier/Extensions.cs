using Konomi.Settings;
using Konomi.Hosting;
using Konomi.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Konomi.Notifier;

public static class Extensions
{
    /// <summary>
    /// Registers the notifier service: its options, the Slack client (or the console sink when
    /// <c>Slack:BotToken</c> is empty), routing, the ledger sweep and the <see cref="WorkScoredConsumer"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNotifier(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotifierOptions>().BindSettings(NotifierOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSlackApi();
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{SlackOptions.Section}:{nameof(SlackOptions.BotToken)}"]))
            builder.Services.AddSingleton<INotificationSink, ConsoleNotificationSink>();
        else
            builder.Services.AddSingleton<INotificationSink, SlackNotificationSink>();
        builder.Services.AddSingleton<SharedTargets>();
        builder.Services.AddSingleton<NotificationSender>();
        builder.Services.AddSingleton<NotificationRouter>();
        builder.Services.AddSingleton<NotificationSweep>();
        builder.Services.AddHostedService<NotificationSweepService>();
        builder.Services.AddKonomiConsumers(x => x.AddConsumer<WorkScoredConsumer>(typeof(WorkScoredConsumerDefinition)));
        return builder;
    }
}

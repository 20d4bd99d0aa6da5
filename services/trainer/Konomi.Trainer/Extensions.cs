using Konomi.Settings;
using Konomi.Hosting;
using Konomi.Labelling;
using Konomi.TasteModels;
using Konomi.TasteModels.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Konomi.Trainer;

public static class Extensions
{
    /// <summary>Registers the trainer service: its options, logic, consumers and the retraining loop.</summary>
    public static IHostApplicationBuilder AddTrainer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServingControls();
        builder.Services.AddSingleton<RetrainPlan>();
        builder.Services.AddSingleton<LabelChanges>();
        builder.Services.AddSingleton<LabelWatch>();
        builder.Services.AddSingleton<ModelRecipes>();
        builder.Services.AddSingleton<PromotionGate>();
        builder.Services.AddSingleton<TasteModelTrainer>();
        builder.Services.AddSingleton<SharedNgramFamily>();
        builder.Services.AddSingleton<WorkspaceTrainer>();
        builder.Services.AddLabelling();
        builder.Services.AddSingleton<RetrainLoop>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetrainLoop>());
        builder.Services.AddKonomiConsumers(x =>
        {
            x.AddConsumer<FeedbackReceivedConsumer>(typeof(FeedbackReceivedConsumerDefinition));
            x.AddConsumer<ServingModelFailedConsumer>(typeof(ServingModelFailedConsumerDefinition));
        });
        return builder;
    }

    /// <summary>
    /// What a person uses to look at and override serving models without running the trainer: the
    /// promote/rollback override and the held-out curve of the serving model. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddServingControls(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ServingOverride)))
            return services;
        services.AddTrainerOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TrainingSets>();
        services.AddSingleton<ServingOverride>();
        services.AddSingleton<ServingModelCurve>();
        // Inference and trainer share one process in `konomi run`: the families are registered once.
        if (!services.Any(d => d.ServiceType == typeof(TasteModelFamilies)))
            services.AddTasteModels();
        return services;
    }
}

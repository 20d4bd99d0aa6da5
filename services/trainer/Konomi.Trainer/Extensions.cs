using Konomi.Hosting;
using Konomi.Labelling;
using Konomi.TasteModels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Konomi.Trainer;

public static class Extensions
{
    /// <summary>Registers the trainer service: its options, logic, consumers and the retraining loop.</summary>
    public static IHostApplicationBuilder AddTrainer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrainerOptions>().BindConfiguration(TrainerOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RetrainPlan>();
        builder.Services.AddSingleton<TrainingSets>();
        builder.Services.AddSingleton<LabelChanges>();
        builder.Services.AddSingleton<ModelRecipes>();
        builder.Services.AddSingleton<PromotionGate>();
        builder.Services.AddSingleton<TasteModelTrainer>();
        builder.Services.AddLabelling();
        builder.Services.AddSingleton<ServingOverride>();
        builder.Services.AddHostedService<RetrainLoop>();
        builder.Services.AddKonomiConsumers(x =>
            x.AddConsumer<FeedbackReceivedConsumer>(typeof(FeedbackReceivedConsumerDefinition)));
        // Inference and trainer share one process in `konomi run`: the families are registered once.
        if (!builder.Services.Any(d => d.ServiceType == typeof(TasteModelFamilies)))
            builder.Services.AddTasteModels();
        return builder;
    }
}

using Konomi.Hosting;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
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
        builder.Services.AddSingleton<TasteModelTrainer>();
        builder.Services.AddSingleton<ServingOverride>();
        builder.Services.AddHostedService<RetrainLoop>();
        builder.Services.AddKonomiConsumers(x =>
            x.AddConsumer<FeedbackReceivedConsumer>(typeof(FeedbackReceivedConsumerDefinition)));
        builder.Services.AddOptions<TasteInputOptions>().BindConfiguration("TasteModels:Input");
        builder.Services.AddOptions<NgramOptions>().BindConfiguration("TasteModels:Ngram");
        builder.Services.TryAddSingleton<TasteInputBuilder>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITasteModelFamily, NgramFamily>());
        return builder;
    }
}

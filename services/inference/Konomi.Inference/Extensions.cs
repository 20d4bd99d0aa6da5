using Konomi.Settings;
using Konomi.Hosting;
using Konomi.Labelling;
using Konomi.TasteModels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Konomi.Inference;

public static class Extensions
{
    /// <summary>Registers the inference service: its options, logic and consumers.</summary>
    public static IHostApplicationBuilder AddInference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InferenceOptions>().BindSettings(InferenceOptions.Section);
        builder.Services.AddOptions<ServingModelsOptions>().BindSettings(ServingModelsOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServingModels>();
        builder.Services.AddSingleton<ServingModelFailures>();
        builder.Services.AddSingleton<Audience>();
        builder.Services.AddSingleton<CoLikeReasons>();
        builder.Services.AddSingleton<WorkScorer>();
        builder.Services.AddSingleton<Recommendations>();
        builder.Services.AddSingleton<Exploration>();
        builder.Services.AddLabelling();
        builder.Services.TryAddSingleton<IColdStartScorer, PreferenceColdStartScorer>();
        builder.Services.AddKonomiConsumers(x =>
            x.AddConsumer<NewWorkDetectedConsumer>(typeof(NewWorkDetectedConsumerDefinition)));
        // Inference and trainer share one process in `konomi run`: the families are registered once.
        if (!builder.Services.Any(d => d.ServiceType == typeof(TasteModelFamilies)))
            builder.Services.AddTasteModels();
        return builder;
    }
}

using Konomi.Hosting;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Konomi.Inference;

public static class Extensions
{
    /// <summary>Registers the inference service: its options, logic and consumers.</summary>
    public static IHostApplicationBuilder AddInference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section);
        builder.Services.AddSingleton<ServingModels>();
        builder.Services.AddSingleton<Audience>();
        builder.Services.AddSingleton<WorkScorer>();
        // Explicit preferences (issue 10) take this seam over with Services.Replace.
        builder.Services.TryAddSingleton<IColdStartScorer, NoVerdictColdStartScorer>();
        builder.Services.AddKonomiConsumers(x =>
            x.AddConsumer<NewWorkDetectedConsumer>(typeof(NewWorkDetectedConsumerDefinition)));
        builder.Services.AddOptions<TasteInputOptions>().BindConfiguration("TasteModels:Input");
        builder.Services.AddOptions<NgramOptions>().BindConfiguration("TasteModels:Ngram");
        builder.Services.TryAddSingleton<TasteInputBuilder>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITasteModelFamily, NgramFamily>());
        return builder;
    }
}

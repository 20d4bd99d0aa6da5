using Konomi.TasteModels.Classifier;
using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Onnx;
using Konomi.TasteModels.Stacked;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.TasteModels;

public static class TasteModelsExtensions
{
    /// <summary>
    /// The model families (ngram, embedding, stacked, classifier), the input text builder and the family registry,
    /// bound from configuration sections <c>TasteModels</c> and <c>Inference</c>.
    /// </summary>
    public static IServiceCollection AddTasteModels(this IServiceCollection services)
    {
        services.AddOptions<TasteModelOptions>().BindConfiguration(TasteModelOptions.Section);
        services.AddOptions<TasteInputOptions>().BindConfiguration($"{TasteModelOptions.Section}:Input").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NgramOptions>().BindConfiguration($"{TasteModelOptions.Section}:Ngram");
        services.AddOptions<EmbeddingOptions>().BindConfiguration($"{TasteModelOptions.Section}:Embedding");
        services.AddOptions<StackedOptions>().BindConfiguration($"{TasteModelOptions.Section}:Stacked");
        services.AddOptions<ClassifierOptions>().BindConfiguration($"{TasteModelOptions.Section}:Classifier");
        services.AddOptions<InferenceDeviceOptions>().BindConfiguration(InferenceDeviceOptions.Section);
        services.AddSingleton<TasteInputBuilder>();
        services.AddSingleton<OnnxSessions>();
        services.AddSingleton<ITasteModelFamily, NgramFamily>();
        // One encoder and one embedding cache for the embedding and stacked families.
        services.AddSingleton<EmbeddingFamily>();
        services.AddSingleton<ITasteModelFamily>(sp => sp.GetRequiredService<EmbeddingFamily>());
        services.AddSingleton<ITasteModelFamily, StackedFamily>();
        services.AddSingleton<ITasteModelFamily, ClassifierFamily>();
        services.AddSingleton<TasteModelFamilies>();
        return services;
    }
}

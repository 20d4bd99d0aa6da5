using Konomi.Settings;
using Konomi.TasteModels.Classifier;
using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Onnx;
using Konomi.TasteModels.Stacked;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels;

public static class TasteModelsExtensions
{
    /// <summary>
    /// The model families (ngram, embedding, stacked, classifier), the input text builder and the family registry,
    /// bound from configuration section <c>TasteModels</c>.
    /// </summary>
    public static IServiceCollection AddTasteModels(this IServiceCollection services)
    {
        services.AddOptions<TasteModelOptions>().BindSettings(TasteModelOptions.Section);
        services.AddOptions<TasteInputOptions>().BindSettings(TasteModelOptions.InputSection);
        services.AddOptions<NgramOptions>().BindSettings(TasteModelOptions.NgramSection);
        services.AddOptions<EmbeddingOptions>().BindSettings(TasteModelOptions.EmbeddingSection);
        services.AddOptions<StackedOptions>().BindSettings(TasteModelOptions.StackedSection);
        services.AddOptions<ClassifierOptions>().BindSettings(TasteModelOptions.ClassifierSection);
        // The files the brought-model families read, checked on start rather than at their first use.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClassifierOptions>, ClassifierOptionsValidation>());
        services.AddSingleton<TasteInputBuilder>();
        services.AddSingleton<OnnxSessions>();
        services.AddSingleton<ITasteModelFamily, NgramFamily>();
        // One encoder and one embedding cache for the embedding and stacked families.
        services.AddSingleton<EmbeddingFamily>();
        services.AddSingleton<ITasteModelFamily>(sp => sp.GetRequiredService<EmbeddingFamily>());
        services.AddSingleton<ITasteModelFamily, StackedFamily>();
        services.AddSingleton<ITasteModelFamily, ClassifierFamily>();
        services.AddSingleton<TasteModelFamilies>();
        services.AddOptions<ChosenFamilyValidation.Check>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChosenFamilyValidation.Check>, ChosenFamilyValidation>());
        return services;
    }
}

using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.TasteModels;

public static class TasteModelsExtensions
{
    /// <summary>
    /// The model families (ngram, embedding, classifier), the input text builder and the family registry,
    /// bound from configuration sections <c>TasteModels</c> and <c>Inference</c>.
    /// </summary>
    public static IServiceCollection AddTasteModels(this IServiceCollection services)
    {
        services.AddOptions<TasteModelOptions>().BindConfiguration(TasteModelOptions.Section);
        services.AddOptions<TasteInputOptions>().BindConfiguration($"{TasteModelOptions.Section}:Input");
        services.AddOptions<NgramOptions>().BindConfiguration($"{TasteModelOptions.Section}:Ngram");
        services.AddSingleton<TasteInputBuilder>();
        services.AddSingleton<ITasteModelFamily, NgramFamily>();
        services.AddSingleton<TasteModelFamilies>();
        return services;
    }
}

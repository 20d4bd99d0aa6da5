using Konomi.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Konomi.Labelling;

public static class LabellingExtensions
{
    /// <summary>
    /// Preference and popularity scoring, the labelling queue and its question order, why no model serves a user, bound from section
    /// <c>Labelling</c>. The question order needs the taste model families (<c>AddTasteModels()</c>). Safe to call twice.
    /// </summary>
    public static IServiceCollection AddLabelling(this IServiceCollection services)
    {
        services.AddOptions<LabellingOptions>().BindSettings(LabellingOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PopularityPrior>();
        services.TryAddSingleton<PreferenceScorer>();
        services.TryAddSingleton<QuestionOrder>();
        services.TryAddSingleton<LabellingQueue>();
        services.TryAddSingleton<NoModelReason>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Konomi.Labelling;

public static class LabellingExtensions
{
    /// <summary>Preference and popularity scoring and the annotator's question order, bound from section <c>Labelling</c>. Safe to call twice.</summary>
    public static IServiceCollection AddLabelling(this IServiceCollection services)
    {
        services.AddOptions<LabellingOptions>().BindConfiguration(LabellingOptions.Section);
        services.TryAddSingleton<PopularityPrior>();
        services.TryAddSingleton<PreferenceScorer>();
        return services;
    }
}

using Konomi.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Konomi.Labelling;

public static class LabellingExtensions
{
    /// <summary>
    /// Preference and popularity scoring, the labelling queue and its question order, bound from section <c>Labelling</c>,
    /// and why no model serves a user, by <c>Trainer:MinLabels</c>. The question order needs the taste model families
    /// (<c>AddTasteModels()</c>). Safe to call twice.
    /// </summary>
    public static IServiceCollection AddLabelling(this IServiceCollection services)
    {
        services.AddOptions<LabellingOptions>().BindSettings(LabellingOptions.Section);
        services.AddTrainerOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PopularityPrior>();
        services.TryAddSingleton<PreferenceScorer>();
        services.TryAddSingleton<QuestionOrder>();
        services.TryAddSingleton<LabellingQueue>();
        services.TryAddSingleton<NoModelReason>();
        return services;
    }

    /// <summary>
    /// Section <c>Trainer</c>, whole (<see cref="TrainerOptions"/>), checked on start: the one registration of the trainer's
    /// settings, for the trainer and for whatever says how many labels a first model needs. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddTrainerOptions(this IServiceCollection services)
    {
        services.AddOptions<TrainerOptions>().BindSettings(TrainerOptions.Section);
        return services;
    }
}

using Konomi.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.Resilience;

public static class ResilienceExtensions
{
    /// <summary>
    /// Binds the <see cref="RetrySettings"/> named <paramref name="section"/> (for example <c>Slack:Retry</c>) from that
    /// configuration section over <paramref name="defaults"/>, checked when the host starts. Safe to call twice.
    /// A pipeline reads them with <c>context.GetOptions&lt;RetrySettings&gt;(section)</c>.
    /// </summary>
    public static IServiceCollection AddRetrySettings(this IServiceCollection services, string section, Action<RetrySettings> defaults)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<RetrySettings>) && d.ImplementationInstance is RetrySettingsValidation { Section: var known } && known == section))
            return services;
        services.AddOptions<RetrySettings>(section).Configure(defaults).BindSettings(section);
        services.AddSingleton<IValidateOptions<RetrySettings>>(new RetrySettingsValidation(section));
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.Settings;

public static class SettingsExtensions
{
    /// <summary>
    /// Binds the options from configuration <paramref name="section"/>, checked when the host starts: data annotations,
    /// and every key the section holds must be a setting, so a typo (<c>Crawler__MinimumDelai</c>) stops the start
    /// with "did you mean Crawler:MinimumDelay?" instead of being ignored, and a value that does not convert
    /// (<c>Trainer__Debounce=abc</c>) is named with what would do.
    /// </summary>
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> options, string section) where T : class
    {
        var sections = BoundSections.In(options.Services);
        if (!sections.Add(section, typeof(T), options.Name)) return options;
        // BindConfiguration, except that a value which does not convert is left to SectionCheck to name with the rest.
        options.Configure<IConfiguration>((o, configuration) => SettingKeys.Bind(configuration.GetSection(section), o));
        options.Services.AddSingleton<IOptionsChangeTokenSource<T>>(sp => new ConfigurationChangeTokenSource<T>(options.Name, sp.GetRequiredService<IConfiguration>()));
        options.ValidateDataAnnotations().ValidateOnStart();
        options.Services.AddSingleton<IValidateOptions<T>>(sp => new SectionCheck<T>(options.Name, section, sp.GetRequiredService<IConfiguration>(), sections));
        return options;
    }
}

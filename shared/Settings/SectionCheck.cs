using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Konomi.Settings;

/// <summary>
/// Checks a bound section for what the binder would pass over or stop at: a key no options class bound there has (the
/// binder ignores it, so a misspelt setting would silently keep its default) and a value that does not convert to its
/// setting's type (the binder throws at the first; this names them all). Also checks a section that only leads to bound
/// ones (<c>Bus</c> for <c>Bus:Retry</c>), so <c>Bus:Retyr</c> is refused too.
/// </summary>
sealed class SectionCheck<T>(string? name, string section, IConfiguration configuration, BoundSections sections) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? optionsName, T options)
    {
        if (optionsName != name) return ValidateOptionsResult.Skip;
        var failures = new List<string>();
        SettingKeys.Check(configuration.GetSection(section), sections.ClassesOf(section), sections, failures);
        foreach (var parent in sections.UnboundParentsOf(section))
            SettingKeys.Check(configuration.GetSection(parent), [], sections, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

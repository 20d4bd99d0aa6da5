using Konomi.Settings;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels;

/// <summary>
/// <c>TasteModels:Family</c> names a registered family, checked on start: otherwise a misspelt family ("ngrams") would
/// be told only when the trainer first trains, once per user. It cannot be <see cref="TasteModelOptions"/>' own check:
/// the families are built with their options, and the classifier's check reads <see cref="TasteModelOptions"/>.
/// </summary>
public sealed class ChosenFamilyValidation(IOptions<TasteModelOptions> options, TasteModelFamilies families) : IValidateOptions<ChosenFamilyValidation.Check>
{
    /// <summary>Options with nothing to set: what the start-up check validates for the chosen family.</summary>
    public sealed class Check;

    public ValidateOptionsResult Validate(string? name, Check _)
    {
        var chosen = options.Value.Family;
        if (families.Names.Contains(chosen, StringComparer.OrdinalIgnoreCase))
            return ValidateOptionsResult.Success;
        var known = string.Join(", ", families.Names.Order(StringComparer.Ordinal));
        var nearest = EditDistance.Nearest(chosen, families.Names) is { } near ? $"; did you mean {near}?" : "";
        return ValidateOptionsResult.Fail($"{TasteModelOptions.Section}:Family: '{chosen}' is not a taste model family (one of {known}){nearest}");
    }
}

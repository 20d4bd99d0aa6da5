using Konomi.Settings;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Classifier;

/// <summary>
/// The files a brought classifier is read from, checked on start: the network loads only when the family is first used,
/// so a missing model or tokenizer would otherwise be told then, at the first training. Each path set must name a
/// readable file, and the family needs both: when one is set, or when <c>TasteModels:Family</c> is <c>classifier</c>.
/// </summary>
public sealed class ClassifierOptionsValidation(IOptions<TasteModelOptions> tasteModels) : IValidateOptions<ClassifierOptions>
{
    internal const string PathsMissing = "The classifier family needs TasteModels:Classifier:ModelPath and TokenizerPath.";

    public ValidateOptionsResult Validate(string? name, ClassifierOptions options)
    {
        const string section = TasteModelOptions.ClassifierSection;
        var chosen = options.ModelPath is not null || options.TokenizerPath is not null
            || tasteModels.Value.Family.Equals(ClassifierFamily.Name, StringComparison.OrdinalIgnoreCase);
        string?[] failures =
        [
            SettingFailures.FileProblem($"{section}:ModelPath", options.ModelPath),
            SettingFailures.FileProblem($"{section}:TokenizerPath", options.TokenizerPath),
            chosen && (options.ModelPath is null || options.TokenizerPath is null) ? PathsMissing : null,
            .. options.Threshold.Problems($"{section}:Threshold"),
        ];
        return failures.OfType<string>().ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}

using Microsoft.Extensions.Options;

namespace Konomi.Resilience;

/// <summary>Checks one named <see cref="RetrySettings"/> and names the key that is wrong (<c>Slack:Retry:MaxAttempts must be at least 1</c>).</summary>
sealed class RetrySettingsValidation(string section) : IValidateOptions<RetrySettings>
{
    // Polly refuses delays beyond a day when it builds the pipeline: say so at start instead.
    static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public string Section => section;

    public ValidateOptionsResult Validate(string? name, RetrySettings settings)
    {
        if (name != section)
            return ValidateOptionsResult.Skip;
        List<string> failures = [];
        if (settings.MaxAttempts < 1)
            failures.Add($"{section}:MaxAttempts must be at least 1");
        if (settings.BaseDelay < TimeSpan.Zero || settings.BaseDelay > Longest)
            failures.Add($"{section}:BaseDelay must be between 00:00:00 and 1.00:00:00");
        if (settings.MaxDelay is { } max && (max < settings.BaseDelay || max > Longest))
            failures.Add($"{section}:MaxDelay must be between {section}:BaseDelay and 1.00:00:00");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Konomi.Resilience;
using Microsoft.Extensions.Options;

namespace Konomi.Crawler;

/// <summary>
/// Refuses retry waits under one second against DLsite (<c>Crawler:Retry:BaseDelay</c>); a local emulator in tests may
/// go faster. The shape of the settings is checked by <see cref="RetrySettings"/>' own validation.
/// </summary>
public sealed class CrawlerRetryValidation(IOptions<CrawlerOptions> crawler) : IValidateOptions<RetrySettings>
{
    static readonly TimeSpan Floor = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, RetrySettings settings) =>
        name != CrawlerOptions.RetrySection ? ValidateOptionsResult.Skip
        : crawler.Value.TargetsDLsite && settings.BaseDelay < Floor ? ValidateOptionsResult.Fail("Crawler:Retry:BaseDelay must be at least 1 second against DLsite.")
        : ValidateOptionsResult.Success;
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Konomi.Crawler;

/// <summary>
/// Refuses settings that would hammer DLsite: a request spacing under one second is allowed only when
/// <c>Crawler:BaseUrl</c> points somewhere else (a local emulator in tests); <see cref="CrawlerRetryValidation"/>
/// holds the retry waits to the same floor. Floors and work type categories are path segments of every URL the crawler
/// builds, so a typo there ("Girls", "/girls/") is refused at start rather than answered 404 every cycle.
/// </summary>
public sealed partial class CrawlerOptionsValidation : IValidateOptions<CrawlerOptions>
{
    static readonly TimeSpan Floor = TimeSpan.FromSeconds(1);

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex PathName();

    public ValidateOptionsResult Validate(string? name, CrawlerOptions options)
    {
        List<string> failures = [];
        if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("http" or "https"))
            failures.Add("Crawler:BaseUrl must be an absolute http(s) URL.");
        if (options.TargetsDLsite && options.MinimumDelay < Floor)
            failures.Add("Crawler:MinimumDelay must be at least 1 second against DLsite.");
        if (options.MinimumDelay < TimeSpan.Zero)
            failures.Add("Crawler:MinimumDelay cannot be negative.");
        if (options.Floors.Length == 0 || options.WorkCategories.Length == 0)
            failures.Add("Crawler:Floors and Crawler:WorkCategories need at least one entry.");
        failures.AddRange(options.Floors.Where(f => !PathName().IsMatch(f ?? "")).Select(f =>
            $"Crawler:Floors has \"{f}\": a DLsite floor is a lower-case name such as maniax, home, girls, bl, pro, books or girls-pro."));
        failures.AddRange(options.WorkCategories.Where(c => !PathName().IsMatch(c ?? "")).Select(c =>
            $"Crawler:WorkCategories has \"{c}\": a DLsite work type category is a lower-case name such as audio, game, comic or illust."));
        if (options.PagesPerCycle < 1) failures.Add("Crawler:PagesPerCycle must be at least 1.");
        if (options.MaxResponseBytes < 1024) failures.Add("Crawler:MaxResponseBytes must be at least 1024.");
        if (options.MaxWorkAttempts < 1) failures.Add("Crawler:MaxWorkAttempts must be at least 1.");
        if (options.Timeout <= TimeSpan.Zero) failures.Add("Crawler:Timeout must be positive.");
        if (options.Interval <= TimeSpan.Zero) failures.Add("Crawler:Interval must be positive.");
        if (string.IsNullOrWhiteSpace(options.UserAgent)) failures.Add("Crawler:UserAgent must describe the crawler.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

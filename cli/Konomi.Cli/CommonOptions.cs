using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Konomi.Cli;

/// <summary>
/// Options several commands share, so they are spelled and explained once, and the checks of option values: a value
/// that makes no sense is a usage error (exit 2) naming the option, as one that does not parse is.
/// </summary>
public static class CommonOptions
{
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Folder of the embedded SQLite store (default: Storage:DataDirectory, else ~/.konomi)",
    };

    public static Option<string?> BaseUrl() => new Option<string?>("--base-url")
    {
        Description = "Crawl this origin instead of https://www.dlsite.com (e.g. a local emulator)",
    }.MustBe(url => url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
        "an absolute http(s) URL, e.g. http://127.0.0.1:5123");

    /// <summary>
    /// An optional whole number read by Konomi, so a non-number is named as such ("--port must be a whole number, got
    /// 'abc'.") rather than as the type System.Nullable`1[System.Int32].
    /// </summary>
    public static Option<int?> WholeNumber(this Option<int?> option)
    {
        option.CustomParser = result =>
        {
            var given = result.Tokens[^1].Value;
            if (int.TryParse(given, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
            result.AddError($"{option.Name} must be a whole number, got '{given}'.");
            return null;
        };
        return option;
    }

    /// <summary>Refuses a value <paramref name="sensible"/> rejects: "--pages must be at least 1."</summary>
    public static Option<T> MustBe<T>(this Option<T> option, Func<T, bool> sensible, string what) =>
        option.Check(value => sensible(value) ? null : $"{option.Name} must be {what}.");

    /// <summary>Refuses a value outside the range a setting allows (its <see cref="RangeAttribute"/>), naming the option.</summary>
    public static Option<T> WithinRangeOf<T>(this Option<T> option, Type settings, string property)
    {
        var range = settings.GetProperty(property)?.GetCustomAttribute<RangeAttribute>()
            ?? throw new ArgumentException($"{settings.Name}.{property} has no [Range]", nameof(property));
        // Compared as numbers: RangeAttribute(0, 1) converts a value to int first, so it would let 1.4 through.
        var (min, max) = (Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture), Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture));
        return option.MustBe(value => value is null || Convert.ToDouble(value, CultureInfo.InvariantCulture) is var number && number >= min && number <= max,
            $"between {range.Minimum} and {range.Maximum}");
    }

    /// <summary>Refuses the value when <paramref name="problem"/> names one (the whole message).</summary>
    public static Option<T> Check<T>(this Option<T> option, Func<T, string?> problem)
    {
        option.Validators.Add(result =>
        {
            T? value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                // The value did not parse: System.CommandLine has already recorded its own error for it (exit 2).
                // Validators run before that conversion is reported, so reading the value throws here.
                return;
            }
            if (problem(value!) is { } message) result.AddError(message);
        });
        return option;
    }
}

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
    /// <summary>An empty folder name is refused: taken as "not given" it would quietly open the default store instead.</summary>
    public static Option<string?> DataDir() => new Option<string?>("--data-dir")
    {
        Description = "Folder of the embedded SQLite store (default: Storage:DataDirectory, else ~/.konomi)",
    }.MustBe(dir => dir is null || !string.IsNullOrWhiteSpace(dir), "a folder name, not empty");

    public static Option<string?> BaseUrl() => new Option<string?>("--base-url")
    {
        Description = "Crawl this origin instead of https://www.dlsite.com (e.g. a local emulator)",
    }.MustBe(url => url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
        "an absolute http(s) URL, e.g. http://127.0.0.1:5123");

    /// <summary>A file named on the command line: an empty name, or one that is not UTF-8, is refused naming the argument.</summary>
    public static Argument<string> FileName(this Argument<string> argument)
    {
        argument.Validators.Add(result =>
        {
            if (FileNameProblem(result.GetValueOrDefault<string>()) is { } problem) result.AddError($"{argument.Name}: {problem}");
        });
        return argument;
    }

    /// <summary>A file option: a name that is not UTF-8 is refused naming the option (an empty one does not parse).</summary>
    public static Option<T> FileName<T>(this Option<T> option) where T : FileSystemInfo? =>
        option.Check(file => file is null ? null : FileNameProblem(file.ToString()) is { } problem ? $"{option.Name}: {problem}" : null);

    static string? FileNameProblem(string? name) => name switch
    {
        null => null,
        "" => "the file name is empty",
        // Linux names are bytes; .NET reads them as UTF-8, so a Shift_JIS name (a zip from Windows) arrives with each
        // undecodable byte as U+FFFD and can never be opened by what konomi was given.
        _ when name.Contains('\uFFFD') && !File.Exists(name) && !Directory.Exists(name) =>
            $"'{name}' is not a UTF-8 name (Shift_JIS, from a Windows zip?), so it cannot be opened by it; rename it to UTF-8, e.g. `convmv -f shift_jis -t utf-8 --notest FILE`",
        _ => null,
    };

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

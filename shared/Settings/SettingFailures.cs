using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Konomi.Settings;

/// <summary>
/// A setting a host cannot use, in words: the same line whether <c>konomi</c> or a service host refuses it. Only the
/// failures a setting causes are described; anything else (a bug, an outage) is not one and keeps its stack trace.
/// </summary>
public static partial class SettingFailures
{
    /// <summary>
    /// Every failing key and why (<c>Trainer:Debounce: 'abc' is not a duration …; Trainer:Folds must be at least 2</c>),
    /// or null when <paramref name="exception"/> is not a setting's failure.
    /// </summary>
    public static string? Describe(Exception exception) =>
        Failures(exception) is { } failures ? string.Join("; ", failures.Distinct()) : null;

    static IEnumerable<string>? Failures(Exception exception) => exception switch
    {
        // The start-up check gathers each options class's failure; several classes may report the same key (once each, above).
        AggregateException e when e.InnerExceptions.Count > 0 && e.InnerExceptions.All(i => Failures(i) is not null) =>
            e.InnerExceptions.SelectMany(i => Failures(i)!),
        OptionsValidationException e => e.Failures.Select(Failure),
        SettingException e => [e.Message],
        // A section read while the host is composed, before the start-up check, fails in the binder's words.
        InvalidOperationException e when Conversion().Match(e.Message) is { Success: true } m =>
            [Unconvertible(m.Groups["key"].Value, m.Groups["value"].Value, m.Groups["type"].Value)],
        InvalidDataException e when UnreadableFile().Match(e.Message) is { Success: true } m =>
            [$"{m.Groups["file"].Value} is not JSON ({Innermost(e).Message.ReplaceLineEndings(" ")}); a settings file with nothing to set holds {{}}"],
        _ => null,
    };

    /// <summary>Whether the binder threw <paramref name="exception"/> because a value does not convert to its setting's type.</summary>
    public static bool IsConversion(InvalidOperationException exception) => Conversion().IsMatch(exception.Message);

    /// <summary>What a value of <paramref name="type"/> looks like, for a person.</summary>
    public static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type)) : Expected(type.FullName!);
    }

    /// <summary>What a value of the .NET type <paramref name="type"/> (its full name, as the binder gives it) looks like.</summary>
    public static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:30:00 (hh:mm:ss) or 1.00:00:00 (a day)",
        "System.Uri" => "a URL",
        "System.TimeOnly" => "a time of day such as 23:00",
        _ => $"a {type[(type.LastIndexOf('.') + 1)..]}",
    };

    /// <summary>
    /// Why the file <paramref name="path"/> that setting <paramref name="key"/> names cannot be read
    /// (<c>TasteModels:Embedding:ModelPath: file '/models/e5.onnx' does not exist</c>), or null when it can or the setting
    /// is left empty. For options validation on start: a file read only when first needed would otherwise be missed then,
    /// hours after the start, in the middle of the work. Not for what the app creates itself (a data directory, a cache).
    /// </summary>
    public static string? FileProblem(string key, string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        // A relative path is read from the working directory, which in a container is rarely the one a person expects.
        var from = Path.IsPathFullyQualified(path) ? "" : $" (relative to {Directory.GetCurrentDirectory()})";
        if (Directory.Exists(path)) return $"{key}: '{path}'{from} is a folder, not a file";
        if (!File.Exists(path)) return $"{key}: file '{path}'{from} does not exist";
        try
        {
            using var readable = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"{key}: file '{path}'{from} cannot be read: permission denied";
        }
        catch (IOException e)
        {
            return $"{key}: file '{path}'{from} cannot be read: {e.Message}";
        }
    }

    internal static string Unconvertible(string key, string value, Type type) =>
        $"{key}: '{value}' is {OutOfRange(value, (Nullable.GetUnderlyingType(type) ?? type).FullName!) ?? "not " + Expected(type)}";

    static string Unconvertible(string key, string value, string type) => $"{key}: '{value}' is {OutOfRange(value, type) ?? "not " + Expected(type)}";

    static readonly Dictionary<string, (BigInteger Min, BigInteger Max)> WholeNumberRanges = new()
    {
        ["System.Int32"] = (int.MinValue, int.MaxValue),
        ["System.Int64"] = (long.MinValue, long.MaxValue),
        ["System.UInt16"] = (ushort.MinValue, ushort.MaxValue),
        ["System.UInt32"] = (uint.MinValue, uint.MaxValue),
    };

    /// <summary>
    /// For a whole number the .NET type <paramref name="type"/> cannot hold, "too large a number (at most 2147483647)"
    /// (or too small); otherwise null: it is a whole number, so "is not a whole number" would be untrue.
    /// </summary>
    public static string? OutOfRange(string value, string type)
    {
        if (!WholeNumberRanges.TryGetValue(type, out var range)
            || !BigInteger.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return null;
        return number > range.Max ? $"too large a number (at most {range.Max})"
            : number < range.Min ? $"too small a number (at least {range.Min})"
            : null;
    }

    /// <summary>A data-annotation failure names the options class and member; its own message already names the key.</summary>
    static string Failure(string failure) =>
        AnnotationFailure().Match(failure) is { Success: true } m ? m.Groups["message"].Value : failure;

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\.?$")]
    private static partial Regex AnnotationFailure();

    // The binder's own words name the key, the value and a .NET type; a person needs the key, the value and what would do.
    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'")]
    private static partial Regex Conversion();

    [GeneratedRegex(@"^Failed to load configuration from file '(?<file>.*)'\.$")]
    private static partial Regex UnreadableFile();

    static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}

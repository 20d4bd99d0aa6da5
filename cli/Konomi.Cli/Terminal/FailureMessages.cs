using System.Text.RegularExpressions;
using Konomi.Cli;
using Konomi.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Terminal;

/// <summary>The one line a person reads when a command fails: what went wrong and, where known, what to do.</summary>
public static partial class FailureMessages
{
    /// <summary>Set <c>KONOMI_TRACE=1</c> to get the stack trace of an unexpected failure (for a bug report).</summary>
    public const string TraceVariable = "KONOMI_TRACE";

    /// <summary>A data-annotation failure names the options class and member; its own message already names the key.</summary>
    static string SettingFailure(string failure) =>
        AnnotationFailure().Match(failure) is { Success: true } m ? m.Groups["message"].Value : failure;

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\.?$")]
    private static partial Regex AnnotationFailure();

    // The binder's own words name the key, the value and a .NET type; a person needs the key, the value and what would do.
    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"^Failed to load configuration from file '(?<file>.*)'\.$")]
    private static partial Regex UnreadableSettingsFile();

    /// <summary>What a value of the .NET type <paramref name="type"/> (its full name) looks like, for a person.</summary>
    internal static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:30:00 (hh:mm:ss) or 1.00:00:00 (a day)",
        "System.Uri" => "a URL",
        "System.TimeOnly" => "a time of day such as 23:00",
        _ => $"a {type[(type.LastIndexOf('.') + 1)..]}",
    };

    public static string Describe(Exception exception) => exception switch
    {
        CliException e => e.Message,
        // Several validators may report the same setting (ValidateOnStart gathers every failure): each once.
        AggregateException e => string.Join("; ", e.InnerExceptions.Select(Describe).Distinct()),
        InvalidOperationException e when ConversionFailure().Match(e.Message) is { Success: true } m =>
            $"configuration: {m.Groups["key"].Value}: '{m.Groups["value"].Value}' is not {Expected(m.Groups["type"].Value)}",
        InvalidDataException e when UnreadableSettingsFile().Match(e.Message) is { Success: true } m =>
            $"configuration: {m.Groups["file"].Value} is not JSON ({Innermost(e).Message.ReplaceLineEndings(" ")}); a settings file with nothing to set holds {{}}",
        SettingException e => "configuration: " + e.Message,
        OptionsValidationException e => "configuration: " + string.Join("; ", e.Failures.Select(SettingFailure)),
        IOException e when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            $"{e.Message.TrimEnd('.')}: another program (another konomi?) listens there; stop it or choose a port with `konomi run --port N`.",
        // SQLite's own codes say which of the usual causes it is (https://www.sqlite.org/rescode.html).
        SqliteException { SqliteErrorCode: 8 } => "the store is read-only for you: konomi.db or its folder cannot be written (check their owner and permissions, or --data-dir).",
        SqliteException { SqliteErrorCode: 14 } => "the store cannot be opened: its folder or konomi.db cannot be read or created by you (check --data-dir, owner and permissions).",
        SqliteException { SqliteErrorCode: 5 or 6 } e => $"the store is busy ({e.Message}): another program holds konomi.db locked; try again once it is done.",
        SqliteException e => $"the store could not be opened or written ({e.Message}); check --data-dir.",
        UnauthorizedAccessException or IOException => exception.Message,
        _ => Environment.GetEnvironmentVariable(TraceVariable) == "1"
            ? exception.ToString()
            : $"{OneLineFormatter.Messages(exception)} (set {TraceVariable}=1 for the stack trace)",
    };

    static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}

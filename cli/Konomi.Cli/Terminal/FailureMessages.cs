using Konomi.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Terminal;

/// <summary>The one line a person reads when a command fails: what went wrong and, where known, what to do.</summary>
public static class FailureMessages
{
    /// <summary>Set <c>KONOMI_TRACE=1</c> to get the stack trace of an unexpected failure (for a bug report).</summary>
    public const string TraceVariable = "KONOMI_TRACE";

    public static string Describe(Exception exception) => exception switch
    {
        CliException e => e.Message,
        AggregateException { InnerExceptions.Count: 1 } e => Describe(e.InnerExceptions[0]),
        OptionsValidationException e => "configuration: " + string.Join("; ", e.Failures),
        IOException e when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            $"{e.Message.TrimEnd('.')}: another program (another konomi?) listens there; stop it or choose a port with `konomi run --port N`.",
        SqliteException e => $"the store could not be opened or written ({e.Message}); check --data-dir and that no other program locks konomi.db.",
        UnauthorizedAccessException or IOException => exception.Message,
        _ => Environment.GetEnvironmentVariable(TraceVariable) == "1"
            ? exception.ToString()
            : $"{OneLineFormatter.Messages(exception)} (set {TraceVariable}=1 for the stack trace)",
    };
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Terminal;

/// <summary>
/// One line per log entry: time, level, message, and for an exception only its messages (innermost last), because the
/// failures a person sees at the console (DLsite unreachable, a busy port) are expected and a trace buries them.
/// <c>Logging:Console:FormatterOptions:Traces=true</c> brings the traces back for a bug report.
/// </summary>
public sealed class OneLineFormatter(IOptionsMonitor<OneLineFormatterOptions> options) : ConsoleFormatter(Name)
{
    public new const string Name = "konomi";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter writer)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (entry.Exception is null && string.IsNullOrEmpty(message)) return;
        writer.Write(DateTime.Now.ToString("HH:mm:ss "));
        writer.Write(Level(entry.LogLevel));
        writer.Write(message.ReplaceLineEndings(" "));
        if (entry.Exception is { } exception)
        {
            if (options.CurrentValue.Traces)
            {
                writer.WriteLine();
                writer.Write(exception.ToString());
            }
            else
                writer.Write(": " + Messages(exception));
        }
        writer.WriteLine();
    }

    /// <summary>The exception's message and its inner ones, once each, in one line.</summary>
    public static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A wrapper that quotes its cause (`ModelPath … cannot be used: <cause>`) speaks for the rest of the chain.
            var message = e.Message.ReplaceLineEndings(" ");
            if (messages.Count > 0 && messages[^1].Contains(message, StringComparison.Ordinal)) break;
            if (!messages.Contains(message)) messages.Add(message);
        }
        return string.Join(" ← ", messages);
    }

    static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace ",
        LogLevel.Debug => "debug ",
        LogLevel.Information => "",
        LogLevel.Warning => "warn  ",
        LogLevel.Error => "error ",
        _ => "FAIL  ",
    };
}

public sealed class OneLineFormatterOptions : ConsoleFormatterOptions
{
    public bool Traces { get; set; }
}

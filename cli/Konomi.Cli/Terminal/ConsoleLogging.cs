using Microsoft.Extensions.Configuration.Memory;

namespace Konomi.Cli.Terminal;

public static class ConsoleLogging
{
    /// <summary>
    /// Konomi's own messages at Information, the framework's (ASP.NET Core, HttpClient, MassTransit) at Warning: no line
    /// per HTTP request or /metrics scrape. All on stderr, so stdout stays the command's output. These are defaults:
    /// <c>Logging:LogLevel:…</c> in appsettings.json or the environment still wins.
    /// </summary>
    public static IHostApplicationBuilder AddKonomiConsole(this IHostApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft"] = "Warning",
                ["Logging:LogLevel:System"] = "Warning",
                ["Logging:LogLevel:MassTransit"] = "Warning",
                // Every retry pipeline logs its own one line per retry; Polly's telemetry would repeat each one
                // (its metrics still reach /metrics and OTLP).
                ["Logging:LogLevel:Polly"] = "None",
            },
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o =>
        {
            o.FormatterName = OneLineFormatter.Name;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.Logging.AddConsoleFormatter<OneLineFormatter, OneLineFormatterOptions>();
        return builder;
    }
}

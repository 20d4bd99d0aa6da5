using System.Reflection;
using Konomi.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Hosting;

/// <summary>
/// How every service host runs: composed, built, its settings checked, then run until stopped. A setting it cannot use
/// (a value out of range, a key no section has, a value that does not convert, an unknown <c>Storage:Provider</c>, an
/// appsettings.json that is not JSON) ends it with exit code 1 and one line on stderr naming every such key, the way
/// <c>konomi</c> says it (<see cref="SettingFailures"/>): <c>konomi-trainer: Trainer:Debounce: 'abc' is not a duration …</c>.
/// Any other failure is a bug or an outage and keeps its stack trace.
/// </summary>
public static partial class ServiceHost
{
    public const int SettingFailure = 1;

    /// <param name="compose">Adds the host's services to the builder.</param>
    /// <param name="map">Maps the host's endpoints.</param>
    /// <returns>The exit code: 0 once stopped, <see cref="SettingFailure"/> when a setting stopped the start.</returns>
    public static int Run(string[] args, Action<WebApplicationBuilder> compose, Action<WebApplication> map)
    {
        var service = Assembly.GetEntryAssembly()?.GetName().Name ?? "konomi";
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateBuilder(args);
            compose(builder);
            app = builder.Build();
            map(app);
            // Before the start, which would check them too but log the failure with its stack trace first.
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (SettingFailures.Describe(e) is { } problem)
        {
            Console.Error.WriteLine($"{service}: {problem}");
            // Once to the logs as well (OTLP, when configured), where the host got far enough to have them.
            if (app is not null)
            {
                LogRefused(app.Logger, problem);
                ((IDisposable)app).Dispose();
            }
            return SettingFailure;
        }
        using (app) app.Run();
        return 0;
    }

    [LoggerMessage(1, LogLevel.Critical, "Refused to start: {Problem}")]
    static partial void LogRefused(ILogger logger, string problem);
}

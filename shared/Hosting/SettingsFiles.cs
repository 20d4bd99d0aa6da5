using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Konomi.Hosting;

/// <summary>
/// A host reads its settings files (appsettings.json, appsettings.{Environment}.json) once, at start, where they are
/// checked. .NET reloads them on every save by default, and an options monitor then checks the new values on its next
/// read: a key misspelt or a value half typed while the host runs made every Slack click (and any other request reading
/// that section) fail with a 500 until the file was mended, and a valid edit reached only the parts that read settings
/// through a monitor. Now an edit changes nothing until the next start, and is logged, so a person knows to restart.
/// </summary>
public static partial class SettingsFiles
{
    public static IHostApplicationBuilder ReadSettingsFilesAtStart(this IHostApplicationBuilder builder)
    {
        var application = builder.Environment.ApplicationName;
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
            if (sources[i] is FileConfigurationSource { ReloadOnChange: true } file)
            {
                file.ReloadOnChange = false;
                // Put back, so the configuration builds that file's provider again, now without its reload.
                sources[i] = file;
                builder.Services.AddHostedService(sp => new Watch(file, application, sp.GetRequiredService<ILogger<Watch>>()));
            }
        return builder;
    }

    /// <summary>
    /// Says the first time a settings file changes; the host's settings stay as they were read at start. Once: a save is
    /// often two changes (the file emptied, then written), and after the first the host's settings are stale until a
    /// restart whatever is saved next.
    /// </summary>
    sealed partial class Watch(FileConfigurationSource file, string application, ILogger<Watch> logger) : IHostedService
    {
        IDisposable? _watching;
        int _told;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (file.FileProvider is { } files && file.Path is { } path)
                _watching = ChangeToken.OnChange(() => files.Watch(path), () =>
                {
                    if (Interlocked.Exchange(ref _told, 1) == 0) LogChanged(logger, path, application);
                });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _watching?.Dispose();
            return Task.CompletedTask;
        }

        [LoggerMessage(1, LogLevel.Warning, "{File} changed while {Application} runs: it goes on with the settings it started with; restart it to use the file as it is now (the start checks it)")]
        static partial void LogChanged(ILogger logger, string file, string application);
    }
}

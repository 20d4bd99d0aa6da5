using Konomi.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Primitives;

namespace Konomi.Hosts.Tests;

/// <summary>An appsettings.json saved while a host runs: read at start only, and said once.</summary>
public sealed class SettingsFilesTests
{
    [Fact]
    public async Task A_settings_file_saved_while_the_host_runs_is_said_once_however_many_changes_the_save_makes()
    {
        var ct = TestContext.Current.CancellationToken;
        var files = new SavedFiles();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "konomi" });
        ((IConfigurationBuilder)builder.Configuration).Add(new JsonConfigurationSource { FileProvider = files, Path = "appsettings.json", Optional = true, ReloadOnChange = true });
        builder.Logging.AddFakeLogging();
        builder.ReadSettingsFilesAtStart();
        using var host = builder.Build();
        await host.StartAsync(ct);

        files.Save(); // emptied,
        files.Save(); // then written: one save to a person
        files.Save(); // and another, later

        host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message).ShouldBe(
            ["appsettings.json changed while konomi runs: it goes on with the settings it started with; restart it to use the file as it is now (the start checks it)"]);
        await host.StopAsync(ct);
    }

    /// <summary>No file at all; each <see cref="Save"/> is one change the watcher reports, as the disk's would be.</summary>
    sealed class SavedFiles : IFileProvider
    {
        CancellationTokenSource _change = new();

        public void Save()
        {
            var saved = _change;
            _change = new CancellationTokenSource();
            saved.Cancel();
        }

        public IChangeToken Watch(string filter) => new CancellationChangeToken(_change.Token);
        public IFileInfo GetFileInfo(string subpath) => new NotFoundFileInfo(subpath);
        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;
    }
}

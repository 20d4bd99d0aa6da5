using Konomi.Cli.Terminal;
using Konomi.Storage;
using Microsoft.Extensions.Options;

namespace Konomi.Cli;

/// <summary>
/// How every command but <c>konomi run</c> builds its host: configuration as every host reads it (appsettings.json,
/// environment, <c>--data-dir</c>), quiet one-line logs on stderr so stdout stays the command's own, and the store
/// when the command uses one. A command adds only the service library it calls (<c>AddTrainer()</c>,
/// <c>AddInference()</c>, …), builds, and disposes the host when done; the host is never started, so nothing runs
/// in the background and no port is bound.
/// </summary>
public static class CommandHost
{
    /// <param name="store">Whether the command reads or writes the store; without it, no data directory is checked.</param>
    /// <param name="mayCreate">Whether this command may start a new store (see <see cref="DataDirectory"/>).</param>
    public static HostApplicationBuilder CreateBuilder(string? dataDir = null, IDictionary<string, string?>? settings = null, bool store = true, bool mayCreate = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "konomi" });
        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (dataDir is not null) overrides["Storage:DataDirectory"] = dataDir;
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.ConfigureContainer(new SettingsCheckedOnBuild());
        builder.AddKonomiConsole();
        if (!store) return builder;
        DataDirectory.Check(builder.Configuration, mayCreate);
        builder.AddKonomiStorage();
        return builder;
    }

    /// <summary>
    /// A command's host is never started, so the settings a service host checks at start (<c>ValidateOnStart</c>) are
    /// checked when it is built: a misspelt or invalid setting stops the command in one line before it does anything.
    /// </summary>
    sealed class SettingsCheckedOnBuild : IServiceProviderFactory<IServiceCollection>
    {
        readonly DefaultServiceProviderFactory inner = new();

        public IServiceCollection CreateBuilder(IServiceCollection services) => inner.CreateBuilder(services);

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
        {
            var provider = (ServiceProvider)inner.CreateServiceProvider(containerBuilder);
            try
            {
                provider.GetService<IStartupValidator>()?.Validate();
                return provider;
            }
            catch
            {
                provider.Dispose();
                throw;
            }
        }
    }

    /// <summary>Only the stores.</summary>
    public static IHost Build(string? dataDir, bool mayCreate = false) => CreateBuilder(dataDir, mayCreate: mayCreate).Build();
}

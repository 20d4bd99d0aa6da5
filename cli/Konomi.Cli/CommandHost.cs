using Konomi.Cli.Terminal;
using Konomi.Storage;

namespace Konomi.Cli;

/// <summary>
/// The store for a CLI command without the whole app: configuration as every host reads it
/// (appsettings.json, environment, <c>--data-dir</c>), quiet one-line logs on stderr so stdout stays the command's
/// own, and <c>AddKonomiStorage()</c>. Commands that need more add their libraries to <see cref="CreateBuilder"/>.
/// </summary>
public static class StoreHost
{
    /// <param name="mayCreate">Whether this command may start a new store (see <see cref="DataDirectory"/>).</param>
    public static HostApplicationBuilder CreateBuilder(string? dataDir, IDictionary<string, string?>? settings = null, bool mayCreate = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "konomi" });
        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (dataDir is not null) overrides["Storage:DataDirectory"] = dataDir;
        builder.Configuration.AddInMemoryCollection(overrides);
        DataDirectory.Check(builder.Configuration, mayCreate);
        builder.AddKonomiConsole();
        builder.AddKonomiStorage();
        return builder;
    }

    /// <summary>Only the stores; the host is not started, so nothing runs in the background.</summary>
    public static IHost Build(string? dataDir, bool mayCreate = false) => CreateBuilder(dataDir, mayCreate: mayCreate).Build();
}

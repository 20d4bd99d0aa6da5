using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Konomi.Storage.Tests;

/// <summary>A bare host with only <c>AddKonomiStorage()</c>, for tests of the registration itself.</summary>
public static class StorageHost
{
    public static IHost Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddKonomiStorage();
        return builder.Build();
    }
}

using Microsoft.Extensions.Hosting;

namespace Konomi.Storage;

public static class StorageExtensions
{
    /// <summary>Registers every store port on the provider <c>Storage:Provider</c> names. Idempotent.</summary>
    public static IHostApplicationBuilder AddKonomiStorage(this IHostApplicationBuilder builder)
    {
        // Filled in by the storage adapters (issue 4).
        return builder;
    }
}

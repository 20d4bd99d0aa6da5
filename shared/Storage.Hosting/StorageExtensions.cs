using Konomi.Settings;
using Konomi.Storage.Mongo;
using Konomi.Storage.Sqlite;
using Konomi.Storage.Transfer;
using MongoDB.Driver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Konomi.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers every store port on the provider <c>Storage:Provider</c> names (<c>sqlite</c> or <c>mongo</c>),
    /// its readiness check, and the user seeding. Idempotent: hosts and service libraries may both call it.
    /// </summary>
    public static IHostApplicationBuilder AddKonomiStorage(this IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryAdd(typeof(StorageExtensions), true)) return builder;

        builder.Services.AddOptions<StorageOptions>().BindSettings(StorageOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        var provider = builder.Configuration[$"{StorageOptions.Section}:Provider"] ?? "sqlite";
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                builder.Services.AddSqliteStores();
                break;
            case "mongo":
                CheckMongoConnection(builder.Configuration);
                builder.Services.AddMongoStores();
                break;
            default:
                throw new SettingException($"Storage:Provider '{provider}' is not a provider; the providers are sqlite and mongo.");
        }
        builder.Services.AddSingleton<LabelsCsv>();
        builder.Services.AddSingleton<WorksJsonLines>();
        ConfiguredUsers.AddTo(builder.Services);
        UserSeeding.AddStoreWait(builder.Services);
        builder.Services.AddHostedService<UserSeeding>();
        return builder;
    }

    /// <summary>
    /// Here, with the other settings, rather than when the store is first opened at start (a stack trace). The
    /// driver's own message is not quoted: it repeats the string, password included.
    /// </summary>
    static void CheckMongoConnection(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Mongo");
        if (string.IsNullOrWhiteSpace(connection))
            throw new SettingException("Storage:Provider is mongo but ConnectionStrings:Mongo is not set.");
        try
        {
            MongoUrl.Create(connection);
        }
        catch (MongoConfigurationException)
        {
            throw new SettingException("ConnectionStrings:Mongo is not a MongoDB connection string (mongodb://HOST:27017/konomi or mongodb+srv://HOST/konomi).");
        }
    }
}

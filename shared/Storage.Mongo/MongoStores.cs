using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Storage.Mongo;

public static class MongoStores
{
    public static IServiceCollection AddMongoStores(this IServiceCollection services)
    {
        services.AddSingleton<KonomiMongo>();
        services.AddSingleton<IWorkStore, MongoWorkStore>();
        services.AddSingleton<ISnapshotStore, MongoSnapshotStore>();
        services.AddSingleton<ILabelStore, MongoLabelStore>();
        services.AddSingleton<IScoreStore, MongoScoreStore>();
        services.AddSingleton<INotificationStore, MongoNotificationStore>();
        services.AddSingleton<ITasteModelRegistry, MongoTasteModelRegistry>();
        services.AddSingleton<IRetentionStore, MongoRetentionStore>();
        services.AddSingleton<IUserStore, MongoUserStore>();
        services.AddSingleton<ICrawlFailureStore, MongoCrawlFailureStore>();
        services.AddSingleton<IFloorReadStore, MongoFloorReadStore>();
        services.AddSingleton<IKeyRingStore, MongoKeyRingStore>();
        services.AddSingleton<StoreOutage, MongoOutage>();
        services.AddHealthChecks().AddCheck<MongoHealthCheck>("mongo", tags: ["ready"]);
        return services;
    }
}

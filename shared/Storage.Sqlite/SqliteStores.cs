using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Storage.Sqlite;

public static class SqliteStores
{
    public static IServiceCollection AddSqliteStores(this IServiceCollection services)
    {
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<IWorkStore, SqliteWorkStore>();
        services.AddSingleton<ISnapshotStore, SqliteSnapshotStore>();
        services.AddSingleton<ILabelStore, SqliteLabelStore>();
        services.AddSingleton<IScoreStore, SqliteScoreStore>();
        services.AddSingleton<INotificationStore, SqliteNotificationStore>();
        services.AddSingleton<ITasteModelRegistry, SqliteTasteModelRegistry>();
        services.AddSingleton<IRetentionStore, SqliteRetentionStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<ICrawlFailureStore, SqliteCrawlFailureStore>();
        services.AddSingleton<IFloorReadStore, SqliteFloorReadStore>();
        services.AddSingleton<IKeyRingStore, SqliteKeyRingStore>();
        services.AddSingleton<StoreOutage, SqliteOutage>();
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite", tags: ["ready"]);
        return services;
    }
}

using Konomi.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;

namespace Konomi.Testing;

/// <summary>
/// A fresh, empty store for one test: a SQLite file in its own temp folder, or a MongoDB database with a
/// unique name. Use <see cref="Get{T}"/> for the ports, or merge <see cref="Settings"/> into a host's
/// configuration so its own <c>AddKonomiStorage()</c> lands on this store. Dispose to delete it.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly Func<Task> _delete;
    private readonly IHost _host;

    private TestStore(string name, Dictionary<string, string?> settings, Func<Task> delete, Action<IServiceCollection>? services = null)
    {
        Name = name;
        Settings = settings;
        _delete = delete;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddKonomiStorage();
        services?.Invoke(builder.Services);
        _host = builder.Build();
    }

    /// <summary>"sqlite", "mongo-wire" or "mongo": which store this is, for test output.</summary>
    public string Name { get; }

    /// <summary>Configuration keys that point <c>AddKonomiStorage()</c> at this store.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Registers <paramref name="clock"/> as the store's <see cref="TimeProvider"/>; nothing when null.</summary>
    public static Action<IServiceCollection>? WithClock(TimeProvider? clock) =>
        clock is null ? null : services => services.AddSingleton(clock);

    /// <summary>
    /// The embedded store in a fresh folder; <paramref name="services"/> may add to its container (a FakeTimeProvider
    /// that stamps what the store times itself, say: see <see cref="WithClock"/>).
    /// </summary>
    public static TestStore Sqlite(Action<IServiceCollection>? services = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "konomi-tests", Guid.NewGuid().ToString("N"));
        return new TestStore("sqlite", new() { ["Storage:Provider"] = "sqlite", ["Storage:DataDirectory"] = directory }, () =>
        {
            // Pooled connections keep the file open; release them before deleting the folder.
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            return Task.CompletedTask;
        }, services);
    }

    /// <summary>
    /// The MongoDB-wire test server that <c>tests/infra.sh</c> starts (<c>KONOMI_TEST_MONGO_WIRE</c>);
    /// <paramref name="services"/> may add to the store's container (a driver event subscriber, say).
    /// </summary>
    public static TestStore MongoWire(Action<IServiceCollection>? services = null) => Mongo("mongo-wire", Environment.GetEnvironmentVariable("KONOMI_TEST_MONGO_WIRE")
        ?? throw new InvalidOperationException("KONOMI_TEST_MONGO_WIRE is not set: run `source tests/infra.sh` (or ./test.sh), which starts the MongoDB-wire server."), services);

    /// <summary>A real MongoDB when <c>KONOMI_TEST_MONGO</c> holds a connection string; null otherwise.</summary>
    public static TestStore? RealMongo(Action<IServiceCollection>? services = null) => Environment.GetEnvironmentVariable("KONOMI_TEST_MONGO") is { Length: > 0 } url
        ? Mongo("mongo", url, services)
        : null;

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _delete();
    }

    private static TestStore Mongo(string name, string url, Action<IServiceCollection>? services)
    {
        var database = $"konomi_test_{Guid.NewGuid():N}";
        var connection = new MongoUrlBuilder(url) { DatabaseName = database }.ToString();
        return new TestStore(name, new() { ["Storage:Provider"] = "mongo", ["ConnectionStrings:Mongo"] = connection }, async () =>
        {
            try
            {
                await new MongoClient(connection).DropDatabaseAsync(database);
            }
            catch (MongoException)
            {
                // The MongoDB-wire test server cannot drop; its databases live in memory and die with it.
            }
        }, services);
    }
}

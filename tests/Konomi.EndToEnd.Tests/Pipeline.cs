using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// One scenario's Konomi: every service host as its own OS process, configured through environment
/// variables as in production, on a private RabbitMQ virtual host and a private MongoDB-wire database.
/// <see cref="Outside"/> is the test's own view: the same store and bus, to count and to inject, and
/// <see cref="Witness"/> counts what the services published.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public static readonly string[] Services = ["crawler", "inference", "trainer", "notifier", "feedback"];
    static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    readonly Dictionary<string, string?> _environment;
    readonly Dictionary<string, ServiceProcess> _running = [];
    readonly List<ServiceProcess> _ended = [];

    Pipeline(string scenario, string virtualHost, string database, Dictionary<string, string?> environment, IHost outside)
    {
        Scenario = scenario;
        VirtualHost = virtualHost;
        Database = database;
        _environment = environment;
        Outside = outside;
    }

    public string Scenario { get; }
    public string VirtualHost { get; }
    public string Database { get; }
    public IHost Outside { get; }
    public IBus Bus => Outside.Services.GetRequiredService<IBus>();

    /// <summary>What the services published, counted on the broker.</summary>
    public BrokerWitness Witness => Outside.Services.GetRequiredService<BrokerWitness>();
    public ServiceProcess this[string service] => _running[service];

    public T Store<T>() where T : notnull => Outside.Services.GetRequiredService<T>();

    /// <summary>
    /// Starts <paramref name="services"/> with <paramref name="settings"/> (environment-variable names,
    /// <c>Section__Key</c>) on top of the broker and store settings, and waits until each is ready.
    /// </summary>
    public static async Task<Pipeline> StartAsync(string scenario, IReadOnlyDictionary<string, string?> settings, IEnumerable<string> services, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var virtualHost = $"e2e-{scenario}-{id}";
        var database = $"e2e_{scenario.Replace('-', '_')}_{id}";
        await RabbitNode.AddVirtualHostAsync(virtualHost, ct);

        var mongo = new MongoUrlBuilder(Environment.GetEnvironmentVariable("KONOMI_TEST_MONGO_WIRE")
            ?? throw new InvalidOperationException("KONOMI_TEST_MONGO_WIRE is not set: run through tests/e2e/run.sh.")) { DatabaseName = database }.ToString();
        var broker = Broker.Address;
        var environment = new Dictionary<string, string?>
        {
            ["RabbitMq__Host"] = broker.Host,
            ["RabbitMq__Port"] = broker.Port.ToString(),
            ["RabbitMq__VirtualHost"] = virtualHost,
            ["Storage__Provider"] = "mongo",
            ["ConnectionStrings__Mongo"] = mongo,
            // Each HTTP request logs four lines at Information; the suite keeps logs for failures, not traffic.
            ["Logging__LogLevel__System.Net.Http"] = "Warning",
            ["Logging__LogLevel__Polly"] = "Warning",
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;

        if (Directory.Exists(LogFolder(scenario)))
            Directory.Delete(LogFolder(scenario), recursive: true);
        var outside = BuildOutside(environment);
        await outside.StartAsync(ct);
        var pipeline = new Pipeline(scenario, virtualHost, database, environment, outside);
        try
        {
            await pipeline.StartServicesAsync(services, ct);
            return pipeline;
        }
        catch
        {
            // No process outlives a scenario that failed to start (the next one needs the cores).
            await pipeline.DisposeAsync();
            throw;
        }
    }

    public Task StartServicesAsync(IEnumerable<string> services, CancellationToken ct) =>
        Task.WhenAll(services.Select(s => StartServiceAsync(s, ct)));

    public async Task StartServiceAsync(string service, CancellationToken ct)
    {
        var process = ServiceProcess.Start(service, _environment);
        lock (_running) _running[service] = process;
        await process.WaitUntilReadyAsync(ReadyTimeout, ct);
    }

    /// <summary>kill -9: the process gets no chance to finish, acknowledge or flush anything.</summary>
    public void Crash(string service)
    {
        var process = _running[service];
        process.Crash();
        lock (_running)
        {
            _running.Remove(service);
            _ended.Add(process);
        }
    }

    /// <summary>
    /// Stops the broker application, runs <paramref name="whileDown"/>, keeps it down for <paramref name="down"/>,
    /// then starts it (whatever happened: a broker left stopped would fail every later scenario) and waits until
    /// every host is ready again.
    /// </summary>
    public async Task RestartBrokerAsync(TimeSpan down, Func<Task> whileDown, CancellationToken ct)
    {
        await RabbitNode.StopAsync(ct);
        try
        {
            await whileDown();
            await Task.Delay(down, ct);
        }
        finally
        {
            await RabbitNode.StartAsync(CancellationToken.None);
        }
        await Task.WhenAll(_running.Values.Select(p => p.WaitUntilReadyAsync(ReadyTimeout, ct)));
    }

    public Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(CancellationToken ct) => RabbitNode.QueueDepthsAsync(VirtualHost, ct);

    /// <summary>Waits until <paramref name="queue"/> holds at least <paramref name="count"/> messages (its consumer is down).</summary>
    public Task WaitUntilQueuedAsync(string queue, int count, CancellationToken ct) =>
        Eventually.HoldsAsync(async () => (await QueueDepthsAsync(ct)).GetValueOrDefault(queue) >= count, $"{count} messages in {queue}", ReadyTimeout, () => LogTail(40), ct);

    /// <summary>Messages in every <c>_error</c> queue: what was dead-lettered.</summary>
    public async Task<long> DeadLetteredAsync(CancellationToken ct) =>
        (await QueueDepthsAsync(ct)).Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal)).Sum(q => q.Value);

    /// <summary>The last lines of every process's output, for failure messages; whole logs go to .test-state/e2e/{scenario}/.</summary>
    public string LogTail(int lines) => string.Join("\n", _ended.Concat(_running.Values).Select(p =>
        $"===== {p.Service} (pid {p.Id})\n{string.Join('\n', p.Output.Split('\n').TakeLast(lines))}"));

    public async ValueTask DisposeAsync()
    {
        var logs = Directory.CreateDirectory(LogFolder(Scenario)).FullName;
        foreach (var process in _ended.Concat(_running.Values))
        {
            var file = Path.Combine(logs, $"{process.Service}-{process.Id}.log");
            await process.DisposeAsync();
            await File.WriteAllTextAsync(file, process.Output);
        }
        await Outside.StopAsync();
        Outside.Dispose();
        await RabbitNode.DeleteVirtualHostAsync(VirtualHost, CancellationToken.None);
    }

    static string LogFolder(string scenario) => Path.Combine(Repository.Root, ".test-state", "e2e", scenario);

    /// <summary>The test's own host: the services' store and a bus on their virtual host, configured the same way.</summary>
    static IHost BuildOutside(Dictionary<string, string?> environment)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), e.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddKonomiStorage();
        builder.Services.AddSingleton<BrokerWitness>();
        builder.Services.AddKonomiConsumers(x => x.AddConsumer<PublishedMessageWitness>());
        builder.AddKonomiBus();
        return builder.Build();
    }
}

using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Konomi.Deploy.Tests;

/// <summary>
/// A RabbitMQ virtual host of one test's own on the test broker, so hosts started by other tests (and
/// other test projects running at the same time) never compete for its messages.
/// </summary>
public sealed class PrivateVirtualHost : IAsyncDisposable
{
    PrivateVirtualHost(string name) => Name = name;

    public string Name { get; }

    public static async Task<PrivateVirtualHost> CreateAsync(CancellationToken ct)
    {
        var name = $"deploy-{Guid.NewGuid():N}"[..15];
        await CtlAsync(ct, "add_vhost", name);
        await CtlAsync(ct, "set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new PrivateVirtualHost(name);
    }

    /// <summary>Environment variables that put a service host on this virtual host.</summary>
    public Dictionary<string, string?> Environment() => new()
    {
        ["RabbitMq__Host"] = Broker.Address.Host,
        ["RabbitMq__Port"] = Broker.Address.Port.ToString(),
        ["RabbitMq__VirtualHost"] = Name,
    };

    /// <summary>The same, with a SQLite store of its own in a fresh folder.</summary>
    public Dictionary<string, string?> EnvironmentWithSqlite() => new(Environment())
    {
        ["Storage__Provider"] = "sqlite",
        ["Storage__DataDirectory"] = Directory.CreateTempSubdirectory("konomi-deploy-").FullName,
    };

    /// <summary>
    /// An in-process host wired as Konomi's services are (storage, then the bus) from <paramref name="environment"/>;
    /// <paramref name="configure"/> adds what the test needs before the bus.
    /// </summary>
    public static IHost KonomiHost(Dictionary<string, string?> environment, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), e.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddKonomiStorage();
        configure?.Invoke(builder);
        builder.AddKonomiBus();
        return builder.Build();
    }

    /// <summary>Messages ready in <paramref name="queue"/> on this virtual host; null when there is no such queue.</summary>
    public async Task<uint?> QueueDepthAsync(string queue, CancellationToken ct)
    {
        var factory = new ConnectionFactory { HostName = Broker.Address.Host, Port = Broker.Address.Port, VirtualHost = Name };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await CtlAsync(CancellationToken.None, "delete_vhost", Name);

    static async Task CtlAsync(CancellationToken ct, params string[] arguments)
    {
        var node = System.Environment.GetEnvironmentVariable("RABBITMQ_NODENAME")
            ?? throw new InvalidOperationException("RABBITMQ_NODENAME is not set: run the tests with ./test.sh (tests/infra.sh starts the broker).");
        var result = await Command.RunAsync("rabbitmqctl", ["-n", node, .. arguments], ct);
        result.ExitCode.ShouldBe(0, $"rabbitmqctl {string.Join(' ', arguments)}: {result}");
    }
}

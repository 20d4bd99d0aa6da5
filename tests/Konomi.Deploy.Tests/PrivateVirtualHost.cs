using Konomi.Testing;

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

    public async ValueTask DisposeAsync() => await CtlAsync(CancellationToken.None, "delete_vhost", Name);

    static async Task CtlAsync(CancellationToken ct, params string[] arguments)
    {
        var node = System.Environment.GetEnvironmentVariable("RABBITMQ_NODENAME")
            ?? throw new InvalidOperationException("RABBITMQ_NODENAME is not set: run the tests with ./test.sh (tests/infra.sh starts the broker).");
        var result = await Command.RunAsync("rabbitmqctl", ["-n", node, .. arguments], ct);
        result.ExitCode.ShouldBe(0, $"rabbitmqctl {string.Join(' ', arguments)}: {result}");
    }
}

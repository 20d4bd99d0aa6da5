namespace Konomi.Testing;

/// <summary>
/// The real RabbitMQ broker the test script starts (<c>./test.sh</c>), addressed by
/// <c>KONOMI_TEST_RABBITMQ</c> as host:port. Tests that need it fail, not skip, without it.
/// </summary>
public static class Broker
{
    public static (string Host, ushort Port) Address
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("KONOMI_TEST_RABBITMQ")
                ?? throw new InvalidOperationException("KONOMI_TEST_RABBITMQ is not set: run the tests with ./test.sh, which starts RabbitMQ.");
            var parts = value.Split(':');
            return (parts[0], parts.Length > 1 ? ushort.Parse(parts[1]) : (ushort)5672);
        }
    }

    /// <summary>Configuration keys that point a host at the test broker under a private virtual host.</summary>
    public static Dictionary<string, string?> Settings(string virtualHost = "/") => new()
    {
        ["RabbitMq:Host"] = Address.Host,
        ["RabbitMq:Port"] = Address.Port.ToString(),
        ["RabbitMq:VirtualHost"] = virtualHost,
    };
}

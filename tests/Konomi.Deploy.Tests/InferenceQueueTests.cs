using Konomi.Testing;
using RabbitMQ.Client;

namespace Konomi.Deploy.Tests;

/// <summary>The queue the keda overlay scales on is the one a running inference host consumes from.</summary>
public class InferenceQueueTests
{
    [Fact]
    public async Task Running_inference_host_declares_the_queue_the_keda_overlay_watches()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var virtualHost = await PrivateVirtualHost.CreateAsync(ct);
        await using var inference = ServiceProcess.Start("inference", new Dictionary<string, string?>(virtualHost.Environment())
        {
            ["Storage__Provider"] = "sqlite",
            ["Storage__DataDirectory"] = Directory.CreateTempSubdirectory("konomi-deploy-").FullName,
        });
        await inference.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);

        var factory = new ConnectionFactory { HostName = Broker.Address.Host, Port = Broker.Address.Port, VirtualHost = virtualHost.Name };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var queue = await channel.QueueDeclarePassiveAsync(KedaQueueName(), ct);

        queue.QueueName.ShouldBe(InferenceQueue.Name);
        queue.ConsumerCount.ShouldBeGreaterThan(0u);
    }

    static string KedaQueueName()
    {
        var file = Path.Combine(Repository.Root, "deploy", "k8s", "components", "keda", "scaledobject.yaml");
        return File.ReadLines(file).Select(l => l.Trim()).Single(l => l.StartsWith("queueName:"))["queueName:".Length..].Trim();
    }
}

using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Konomi.Deploy.Tests;

/// <summary>The subscriber queues exist before anything is published, whichever host starts first.</summary>
public class TopologyTests
{
    [Fact]
    public async Task A_work_published_before_inference_ever_started_waits_in_its_queue_and_is_scored_once_inference_starts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var virtualHost = await PrivateVirtualHost.CreateAsync(ct);
        var dataDir = Directory.CreateTempSubdirectory("konomi-topology-").FullName;
        var environment = new Dictionary<string, string?>(virtualHost.Environment())
        {
            ["Storage__Provider"] = "sqlite",
            ["Storage__DataDirectory"] = dataDir,
        };
        // A publisher wired as every host is (the crawler's bus has no consumers at all), on a broker where
        // inference has never run.
        using var publisher = Publisher(environment);
        await publisher.StartAsync(ct);
        var work = SampleWorks.Range(0, 1)[0];
        await publisher.Services.GetRequiredService<IUserStore>().UpsertAsync(new UserProfile("me"), ct);
        await publisher.Services.GetRequiredService<IWorkStore>().AddAsync(work, Guid.NewGuid(), ct);
        await publisher.Services.GetRequiredService<IBus>().Publish(new NewWorkDetected(Guid.NewGuid(), work), ct);

        (await QueueDepthAsync(virtualHost, Subscriptions.InferenceNewWorkDetected, ct)).ShouldBe(1u);
        await using var inference = ServiceProcess.Start("inference", environment);
        await inference.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);

        var scores = publisher.Services.GetRequiredService<IScoreStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await scores.ListAsync("me", 10, ct)).Any(s => s.WorkId == work.Id) && DateTime.UtcNow < deadline)
            await Task.Delay(200, ct);
        (await scores.ListAsync("me", 10, ct)).Count(s => s.WorkId == work.Id).ShouldBe(1, inference.Output);

        // With inference's own route to its queue in place too, a message still arrives there once.
        (await inference.StopAsync(TimeSpan.FromSeconds(45))).ShouldBe(0, inference.Output);
        await publisher.Services.GetRequiredService<IBus>().Publish(new NewWorkDetected(Guid.NewGuid(), work), ct);
        (await QueueDepthAsync(virtualHost, Subscriptions.InferenceNewWorkDetected, ct)).ShouldBe(1u);
        await publisher.StopAsync(ct);
    }

    static IHost Publisher(Dictionary<string, string?> environment)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), e.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddKonomiStorage();
        builder.AddKonomiBus();
        return builder.Build();
    }

    static async Task<uint> QueueDepthAsync(PrivateVirtualHost virtualHost, string queue, CancellationToken ct)
    {
        var factory = new ConnectionFactory { HostName = Broker.Address.Host, Port = Broker.Address.Port, VirtualHost = virtualHost.Name };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        // A publish is confirmed by the broker before Publish returns, but routing to the queue is what this reads.
        return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
    }
}

using System.Text.Json;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Contracts.Tests;

public class ContractRoundTripTests
{
    [Fact]
    public async Task Every_contract_crosses_a_real_RabbitMQ_broker_between_two_bus_instances_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        var received = new ReceivedMessages();
        using var consumerHost = BuildHost(Broker.Settings(), received);
        using var publisherHost = BuildHost(Broker.Settings(), received: null);
        await consumerHost.StartAsync(ct);
        await publisherHost.StartAsync(ct);

        await AssertRoundTrip(publisherHost, received, ct);

        await publisherHost.StopAsync(ct);
        await consumerHost.StopAsync(ct);
    }

    [Fact]
    public async Task Every_contract_crosses_the_in_memory_transport_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        var received = new ReceivedMessages();
        using var host = BuildHost(new Dictionary<string, string?>(), received);
        await host.StartAsync(ct);

        await AssertRoundTrip(host, received, ct);

        await host.StopAsync(ct);
    }

    static async Task AssertRoundTrip(IHost publisher, ReceivedMessages received, CancellationToken ct)
    {
        var run = Guid.NewGuid();
        var workId = $"RJ{Random.Shared.Next(10_000_000, 99_999_999):D8}";
        var sent = SampleMessages.All(run, workId);
        var bus = publisher.Services.GetRequiredService<IBus>();
        foreach (var message in sent)
            await bus.Publish(message, message.GetType(), ct);

        var timeout = TimeSpan.FromSeconds(30);
        var crawled = await received.WaitForAsync<WorksCrawled>(m => m.CrawlRunId == run, timeout);
        var detected = await received.WaitForAsync<NewWorkDetected>(m => m.CrawlRunId == run, timeout);
        var scored = await received.WaitForAsync<WorkScored>(m => m.CrawlRunId == run, timeout);
        var feedback = await received.WaitForAsync<FeedbackReceived>(m => m.CrawlRunId == run, timeout);
        var failed = await received.WaitForAsync<ServingModelFailed>(m => m.UserId == $"user-{run:N}", timeout);

        // Field by field: the JSON of what arrived equals the JSON of what was sent (collections by content).
        Json(crawled).ShouldBe(Json(sent[0]));
        Json(detected).ShouldBe(Json(sent[1]));
        Json(scored).ShouldBe(Json(sent[2]));
        Json(feedback).ShouldBe(Json(sent[3]));
        Json(failed).ShouldBe(Json(sent[4]));
        detected.Work.VoiceActors.ShouldBe(["声優E", "声優F"]);
        detected.Work.ReleaseDate.ShouldBe(new DateOnly(2026, 9, 4));
    }

    static string Json(object message) => JsonSerializer.Serialize(message, message.GetType());

    static IHost BuildHost(Dictionary<string, string?> settings, ReceivedMessages? received)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        if (received is not null)
        {
            builder.Services.AddSingleton(received);
            builder.Services.AddKonomiConsumers(x => x.AddConsumer<ContractProbeConsumer>());
        }
        builder.AddKonomiBus();
        return builder.Build();
    }
}

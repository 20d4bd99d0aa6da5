using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Konomi.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Deploy.Tests;

/// <summary>The subscriber queues exist before anything is published, whichever host starts first.</summary>
public class TopologyTests
{
    [Fact]
    public async Task A_work_published_before_inference_ever_started_waits_in_its_queue_and_is_scored_once_inference_starts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var virtualHost = await PrivateVirtualHost.CreateAsync(ct);
        var environment = virtualHost.EnvironmentWithSqlite();
        // A publisher wired as every host is (the crawler's bus has no consumers at all), on a broker where
        // inference has never run.
        using var publisher = PrivateVirtualHost.KonomiHost(environment);
        await publisher.StartAsync(ct);
        var work = SampleWorks.Range(0, 1)[0];
        await publisher.Services.GetRequiredService<IUserStore>().UpsertAsync(new UserProfile("me"), ct);
        await publisher.Services.GetRequiredService<IWorkStore>().AddAsync(work, Guid.NewGuid(), ct);
        await publisher.Services.GetRequiredService<IBus>().Publish(new NewWorkDetected(Guid.NewGuid(), work), ct);

        (await virtualHost.QueueDepthAsync(Subscriptions.InferenceNewWorkDetected, ct)).ShouldBe(1u);
        await using var inference = ServiceProcess.Start("inference", environment);
        await inference.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);

        var scores = publisher.Services.GetRequiredService<IScoreStore>();
        await Eventually.HoldsAsync(async () => (await scores.ListAsync("me", 10, ct)).Any(s => s.WorkId == work.Id), "the work scored", TimeSpan.FromSeconds(60));
        (await scores.ListAsync("me", 10, ct)).Count(s => s.WorkId == work.Id).ShouldBe(1, inference.Output);

        // With inference's own route to its queue in place too, a message still arrives there once.
        (await inference.StopAsync(TimeSpan.FromSeconds(45))).ShouldBe(0, inference.Output);
        await publisher.Services.GetRequiredService<IBus>().Publish(new NewWorkDetected(Guid.NewGuid(), work), ct);
        (await virtualHost.QueueDepthAsync(Subscriptions.InferenceNewWorkDetected, ct)).ShouldBe(1u);
        await publisher.StopAsync(ct);
    }
}

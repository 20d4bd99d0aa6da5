using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Inference.Tests;

public sealed class StoreOutageTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Four quick retries (3.6 s) plus five attempts that each wait a 1 s server selection: under 10 s.
    static readonly TimeSpan LongerThanTheQuickRetries = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Works_that_arrive_while_the_store_is_away_longer_than_the_quick_retries_are_all_scored_when_it_returns()
    {
        using var mongo = await PrivateMongoWire.StartAsync(Ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "mongo",
            ["ConnectionStrings:Mongo"] = mongo.ConnectionString("outage"),
            ["Users:0:UserId"] = "alice",
            ["Users:1:UserId"] = "bob",
            ["Inference:BatchTimeLimit"] = "00:00:00.200",
        });
        // The host as production composes it: its bus's retry policy is what is under test.
        builder.AddKonomiStorage();
        builder.AddInference();
        builder.AddKonomiBus();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var scores = host.Services.GetRequiredService<IScoreStore>();
        var works = SampleWorks.Range(500, 4);

        // Frozen before the first publish: the batch's first step (reading the users) meets the outage.
        mongo.Freeze();
        foreach (var work in works)
            await host.Services.GetRequiredService<IBus>().Publish(new NewWorkDetected(Guid.NewGuid(), work), Ct);
        await Task.Delay(LongerThanTheQuickRetries, Ct);
        mongo.Thaw();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await scores.ListAsync("alice", ct: Ct)).Count + (await scores.ListAsync("bob", ct: Ct)).Count < 8 && DateTime.UtcNow < deadline)
            await Task.Delay(500, Ct);
        (await scores.ListAsync("alice", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        (await scores.ListAsync("bob", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        await host.StopAsync(Ct);
    }
}

using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Trainer.Tests;

public sealed class RetrainLoopTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feedback_retrains_a_user_once_enough_new_labels_arrived()
    {
        await using var store = TestStore.Sqlite();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Trainer:MinNewLabels"] = "2",
            ["Trainer:Debounce"] = "01:00:00",
        });
        builder.AddKonomiStorage();
        builder.AddTrainer();
        var registrations = (BusRegistrations)builder.Services.Single(d => d.ServiceType == typeof(BusRegistrations)).ImplementationInstance!;
        builder.Services.AddMassTransitTestHarness(registrations.ApplyTo);
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var harness = host.Services.GetTestHarness();
        var registry = store.Get<ITasteModelRegistry>();
        await SampleLabels.AddAsync(store.Services, "alice", 0, 24, Ct);

        await harness.Bus.Publish(new FeedbackReceived("RJ00000001", "alice", true, "slack", DateTimeOffset.UtcNow, null), Ct);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        (await registry.ListAsync("alice", Ct)).ShouldBeEmpty();

        await harness.Bus.Publish(new FeedbackReceived("RJ00000002", "alice", false, "slack", DateTimeOffset.UtcNow, null), Ct);
        TasteModelVersion? serving = null;
        for (var i = 0; i < 100 && serving is null; i++, await Task.Delay(100, Ct))
            serving = await registry.FindServingAsync("alice", Ct);

        serving.ShouldNotBeNull().Version.ShouldBe(1);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Sharing_users_due_at_start_are_trained_together_with_the_workspace()
    {
        await using var store = TestStore.Sqlite();
        foreach (var user in new[] { "alice", "bob" })
            await store.Get<IUserStore>().UpsertAsync(new UserProfile(user), Ct);
        await TasteLabels.AddAsync(store.Services, "alice", 0, 32, TasteLabels.LikesSoothing, Ct, skip: "耳かき");
        await TasteLabels.AddAsync(store.Services, "bob", 1000, 48, TasteLabels.LikesSoothing, Ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.AddKonomiStorage();
        builder.AddTrainer();
        var registrations = (BusRegistrations)builder.Services.Single(d => d.ServiceType == typeof(BusRegistrations)).ImplementationInstance!;
        builder.Services.AddMassTransitTestHarness(registrations.ApplyTo);
        using var host = builder.Build();
        var registry = store.Get<ITasteModelRegistry>();

        await host.StartAsync(Ct);
        TasteModelVersion? alice = null, bob = null;
        for (var i = 0; i < 300 && (alice is null || bob is null); i++, await Task.Delay(100, Ct))
            (alice, bob) = (await registry.FindServingAsync("alice", Ct), await registry.FindServingAsync("bob", Ct));
        await host.StopAsync(Ct);

        foreach (var serving in new[] { alice, bob })
        {
            serving.ShouldNotBeNull().Version.ShouldBe(1);
            serving.StatusReason.ShouldStartWith("shared model from 2 people's labels");
        }
    }
}

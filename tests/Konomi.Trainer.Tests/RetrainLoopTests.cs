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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Trainer.Tests;

public sealed class RetrainLoopTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feedback_retrains_a_user_once_enough_new_labels_arrived()
    {
        await using var store = TestStore.Sqlite();
        using var host = TrainerHost.Build(store, new Dictionary<string, string?>
        {
            ["Trainer:MinNewLabels"] = "2",
            ["Trainer:Debounce"] = "01:00:00",
        });
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
    public async Task A_feedback_message_without_its_user_faults_alone_naming_it_and_the_next_one_is_taken()
    {
        await using var store = TestStore.Sqlite();
        using var host = TrainerHost.Build(store);
        await host.StartAsync(Ct);
        var harness = host.Services.GetTestHarness();

        await harness.Bus.Publish(new FeedbackReceived("RJ00000001", null!, true, "slack", DateTimeOffset.UtcNow, null), Ct);
        await harness.Bus.Publish(new FeedbackReceived("RJ00000002", "alice", true, "slack", DateTimeOffset.UtcNow, null), Ct);

        await Eventually.HoldsAsync(() => harness.Consumed.Select<FeedbackReceived>(Ct).Count() == 2, "both messages consumed");
        var consumed = harness.Consumed.Select<FeedbackReceived>(Ct).ToList();
        consumed.Single(m => m.Exception is not null).Exception.Message.ShouldEndWith("carries no user id (work RJ00000001).");
        consumed.Single(m => m.Exception is null).Context.Message.UserId.ShouldBe("alice");
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task A_user_below_the_label_threshold_is_logged_as_having_no_model_yet_not_as_retrained()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("alice"), Ct);
        await SampleLabels.AddAsync(store.Services, "alice", 0, 4, Ct);
        var logs = new FakeLoggerProvider();
        using var host = TrainerHost.Build(store, logs: logs);

        await host.StartAsync(Ct);
        // The schedule runs at start: its line about alice is the marker.
        string? line = null;
        for (var i = 0; i < 100 && line is null; i++, await Task.Delay(100, Ct))
            line = logs.Lines().FirstOrDefault(l => l.Contains(nameof(RetrainLoop)) && l.Contains("alice"));
        await host.StopAsync(Ct);

        line.ShouldNotBeNull();
        line.ShouldContain("No model trained for alice yet: 4 usable labels, 20 needed");
        line.ShouldNotContain("v(null)");
    }

    [Fact]
    public async Task Sharing_users_due_at_start_are_trained_together_with_the_workspace()
    {
        await using var store = TestStore.Sqlite();
        foreach (var user in new[] { "alice", "bob" })
            await store.Get<IUserStore>().UpsertAsync(new UserProfile(user), Ct);
        await TasteLabels.AddAsync(store.Services, "alice", 0, 32, TasteLabels.LikesSoothing, Ct, skip: "耳かき");
        await TasteLabels.AddAsync(store.Services, "bob", 1000, 48, TasteLabels.LikesSoothing, Ct);
        using var host = TrainerHost.Build(store);
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

    [Fact]
    public async Task A_user_whose_model_the_store_cannot_take_stops_no_other_due_user_s_retraining_shared_or_not()
    {
        using var logs = new FakeLoggerProvider();
        await using var trainer = new TrainerFixture([], new FakeTimeProvider(DateTimeOffset.UtcNow), logs, registry => new RefusingRegistry(registry, "alice"));
        foreach (var (user, shares) in new[] { ("alice", true), ("bob", true), ("carol", false) })
            await trainer.Get<IUserStore>().UpsertAsync(new UserProfile(user, Shared: shares), Ct);
        await TasteLabels.AddAsync(trainer.Services, "alice", 0, 48, TasteLabels.LikesSoothing, Ct);
        await TasteLabels.AddAsync(trainer.Services, "bob", 1000, 48, TasteLabels.LikesSoothing, Ct);
        await TasteLabels.AddAsync(trainer.Services, "carol", 2000, 48, TasteLabels.LikesSoothing, Ct);

        // The schedule at start finds all three due; alice and bob share, so the workspace trains them together first.
        await trainer.Get<RetrainLoop>().RetrainDueAsync(Ct);

        (await trainer.Registry.ListAsync("bob", Ct)).ShouldHaveSingleItem();
        (await trainer.Registry.ListAsync("carol", Ct)).ShouldHaveSingleItem();
        (await trainer.Registry.ListAsync("alice", Ct)).ShouldBeEmpty();
        logs.Lines().ShouldContain(l => l.Contains("Retraining alice failed") && l.Contains("database or disk is full"));
    }
}

using Konomi.Storage.Ports;

namespace Konomi.Trainer.Tests;

public sealed class ServingOverrideTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rollback_serves_the_previous_version_and_rejects_the_current_one()
    {
        await using var trainer = await TrainedTwiceAsync();

        var restored = await trainer.Get<ServingOverride>().RollbackAsync("alice", Ct);

        restored.Version.ShouldBe(1);
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
        var rolledBack = (await trainer.Registry.FindAsync("alice", 2, Ct))!;
        rolledBack.Status.ShouldBe(TasteModelStatus.Rejected);
        rolledBack.StatusReason.ShouldBe("rolled back to v1 by hand");
    }

    [Fact]
    public async Task Rollback_past_the_first_version_is_refused_with_the_reason()
    {
        await using var trainer = await TrainedTwiceAsync();
        await trainer.Get<ServingOverride>().RollbackAsync("alice", Ct);

        var refused = await Should.ThrowAsync<ServingOverrideException>(() => trainer.Get<ServingOverride>().RollbackAsync("alice", Ct));

        refused.Message.ShouldBe("alice has no earlier version that served before v1.");
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_person_can_promote_a_rejected_version()
    {
        await using var trainer = await TrainedTwiceAsync();
        await trainer.Get<ServingOverride>().RollbackAsync("alice", Ct);

        await trainer.Get<ServingOverride>().PromoteAsync("alice", 2, Ct);

        var serving = (await trainer.Registry.FindServingAsync("alice", Ct))!;
        serving.Version.ShouldBe(2);
        serving.StatusReason.ShouldBe("promoted by hand");
    }

    [Fact]
    public async Task Promoting_a_version_that_does_not_exist_is_refused()
    {
        await using var trainer = await TrainedTwiceAsync();

        var refused = await Should.ThrowAsync<ServingOverrideException>(() => trainer.Get<ServingOverride>().PromoteAsync("alice", 9, Ct));

        refused.Message.ShouldBe("alice has no model version 9.");
    }

    [Fact]
    public async Task A_rollback_when_the_trainer_promoted_meanwhile_rolls_back_nothing_and_the_new_version_keeps_serving()
    {
        await using var trainer = await TrainedTwiceAsync();
        var release = new TaskCompletionSource();
        var held = new HeldRegistry(trainer.Registry, nameof(ITasteModelRegistry.ListAsync), release.Task);
        // The person's Roll back (in the web app's process) read "v2 serves"; the trainer service then promotes v3.
        var rollback = new ServingOverride(held).RollbackAsync("alice", Ct, from: 2);
        await held.Reached.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        await trainer.LabelAsync("alice", 30, 6, Ct);
        (await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct)).Decision.ShouldBe(TrainingDecision.Promoted);
        release.SetResult();

        var refused = await Should.ThrowAsync<ServingOverrideException>(() => rollback);

        refused.Message.ShouldBe("v2 stopped serving meanwhile (another promotion came first): nothing rolled back.");
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(3);
        (await trainer.Registry.FindAsync("alice", 2, Ct))!.Status.ShouldBe(TasteModelStatus.Retired);
    }

    static async Task<TrainerFixture> TrainedTwiceAsync()
    {
        var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);
        await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);
        await trainer.LabelAsync("alice", 24, 6, Ct);
        await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);
        return trainer;
    }
}

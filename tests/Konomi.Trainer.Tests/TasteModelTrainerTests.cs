using Konomi.Storage.Ports;

namespace Konomi.Trainer.Tests;

public sealed class TasteModelTrainerTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_model_serves_once_there_are_enough_labels_of_both_kinds()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Promoted);
        card.Version.ShouldBe(1);
        card.Examples.ShouldBe(24);
        card.Positives.ShouldBe(12);
        card.Metrics!.F1.ShouldBeGreaterThan(0.8);
        var c = card.Confusion!;
        (c.TruePositives + c.FalsePositives + c.TrueNegatives + c.FalseNegatives).ShouldBe(24);
        card.TopFeatures.ShouldNotBeEmpty();
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Too_few_labels_train_nothing()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 19, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.NotTrained);
        card.Reason.ShouldContain("20 needed");
        (await trainer.Registry.ListAsync("alice", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Labels_that_all_say_the_same_train_nothing()
    {
        await using var trainer = new TrainerFixture();
        for (var i = 0; i < 24; i++)
            await trainer.LabelAsync("alice", i * 2, 1, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.NotTrained);
        card.Reason.ShouldContain("all 24 labels say the same");
    }

    [Fact]
    public async Task Labels_of_works_never_stored_are_skipped_and_counted()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);
        await trainer.Get<ILabelStore>().RecordAsync(new Click("c-x", "alice", "RJ99999999", true, DateTimeOffset.UtcNow, "import"), Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Examples.ShouldBe(24);
        card.MissingWorks.ShouldBe(1);
    }

    [Fact]
    public async Task More_labels_promote_a_new_version_and_retire_the_old()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);
        await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);
        await trainer.LabelAsync("alice", 24, 16, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Promoted);
        card.Version.ShouldBe(2);
        card.Reason.ShouldContain(">= serving v1");
        var versions = await trainer.Registry.ListAsync("alice", Ct);
        versions.Single(v => v.Version == 2).Status.ShouldBe(TasteModelStatus.Serving);
        versions.Single(v => v.Version == 1).Status.ShouldBe(TasteModelStatus.Retired);
    }

    [Fact]
    public async Task A_worse_candidate_is_rejected_and_the_serving_model_keeps_serving()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 40, Ct);
        (await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct)).Decision.ShouldBe(TrainingDecision.Promoted);
        var worse = trainer.TrainerWith(new() { ["TasteModels:Family"] = ShuffledLabelsFamily.Name });

        var card = await worse.TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Rejected);
        card.Version.ShouldBe(2);
        card.Reason.ShouldContain("< serving v1 (ngram)");
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
        var rejected = (await trainer.Registry.FindAsync("alice", 2, Ct))!;
        rejected.Status.ShouldBe(TasteModelStatus.Rejected);
        rejected.StatusReason.ShouldBe(card.Reason);
    }
}
